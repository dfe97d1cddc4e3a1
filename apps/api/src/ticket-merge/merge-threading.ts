/**
 * How threading sees merges, as SQL fragments ingest composes into its own statements: a
 * message naming a merged ticket continues the ticket it went into (also after a chain of
 * merges), and a contact taking part in a ticket (the owner of a ticket merged into it) may
 * continue it like its owner.
 */

/** The ticket a ticket id ends up in after following merges (itself when never merged). */
export function followMergesSql(ticketIdSql: string): string {
  return `(WITH RECURSIVE chain (id, next, depth) AS (
             SELECT id, merged_into_ticket_id, 0 FROM tickets WHERE id = ${ticketIdSql}::uuid
             UNION ALL
             SELECT t.id, t.merged_into_ticket_id, c.depth + 1 FROM chain c JOIN tickets t ON t.id = c.next WHERE c.depth < 50)
           SELECT id FROM chain WHERE next IS NULL LIMIT 1)`;
}

/** Whether the contact takes part in the ticket without owning it. */
export function isParticipantSql(ticketIdSql: string, contactIdSql: string): string {
  return `EXISTS (SELECT 1 FROM ticket_participants p WHERE p.ticket_id = ${ticketIdSql} AND p.contact_id = ${contactIdSql})`;
}
