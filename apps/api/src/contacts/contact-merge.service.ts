import { Injectable } from '@nestjs/common';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { isUuid } from '../common/validation.js';
import { scopeOf, TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { forbidden, invalid, notFound } from '@switchboard/domain';

interface ContactRow {
  id: string;
  name: string | null;
  notes: string | null;
}

export interface ContactMergeResult {
  contactId: string;
  mergedContactId: string;
  movedIdentities: number;
  movedTickets: string[];
}

/**
 * Merges `other` into `into`: identities and tickets move, each moved ticket gets a
 * `contact_merged` event on its timeline, and `contact_merges` keeps the audit. The merged-away
 * contact is removed. Only supervisors and admins merge: a merge moves every ticket of both
 * contacts, whatever their team, so an agent could rewrite (and learn of) tickets they cannot see.
 */
@Injectable()
export class ContactMergeService {
  constructor(private readonly writer: TicketWriter) {}

  async merge(viewer: AuthenticatedViewer, intoId: string, otherId: unknown): Promise<ContactMergeResult> {
    if (viewer.role === 'agent')
      throw forbidden('merging contacts is for supervisors and admins: it moves the tickets of every team');
    if (typeof otherId !== 'string' || !isUuid(otherId))
      throw invalid('otherContactId: must be the id of another contact');
    if (!isUuid(intoId)) throw notFound('contact not found');
    if (otherId === intoId) throw invalid('otherContactId: a contact cannot be merged into itself');
    return this.writer.transaction((tx) => mergeContacts(tx, intoId, otherId, viewer.userId));
  }
}

/**
 * The merge itself, in the caller's ticket transaction: `actorId` is the person who merged, or
 * null when the workspace linked two contacts on a verified identity.
 */
export async function mergeContacts(
  tx: TicketTx,
  intoId: string,
  otherId: string,
  actorId: string | null,
): Promise<ContactMergeResult> {
  // UPDATE … RETURNING is wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count].
  const { sql } = tx;
  // Same lock ingest takes per contact, in a fixed order: no message threads onto a half-moved contact.
  for (const id of [intoId, otherId].sort())
    await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [id]);
  const contacts = await sql.query<ContactRow>(
    `SELECT id, name, notes FROM contacts WHERE id = ANY($1::uuid[]) FOR UPDATE`,
    [[intoId, otherId]],
  );
  const into = contacts.find((c) => c.id === intoId);
  const other = contacts.find((c) => c.id === otherId);
  if (!into) throw notFound('contact not found');
  if (!other) throw notFound('otherContactId: contact not found');

  const identities = await sql.query<{ id: string }>(
    `WITH moved AS (UPDATE contact_identities SET contact_id = $1 WHERE contact_id = $2 RETURNING id) SELECT id FROM moved`,
    [intoId, otherId],
  );
  const name = into.name ?? other.name;
  const notes = [into.notes, other.notes].filter(Boolean).join('\n\n') || null;
  await sql.query(`UPDATE contacts SET name = $2, notes = $3, updated_at = now() WHERE id = $1`, [
    intoId,
    name,
    notes,
  ]);
  // The profile keeps what the surviving contact says and takes from the other what it lacks;
  // notes move (the merged-away contact is deleted, and its notes with it otherwise).
  await sql.query(
    `UPDATE contacts c SET
       tags = ARRAY(SELECT DISTINCT unnest(c.tags || o.tags)),
       language = coalesce(c.language, o.language),
       time_zone = coalesce(c.time_zone, o.time_zone),
       organization_id = coalesce(c.organization_id, o.organization_id),
       custom_fields = o.custom_fields || c.custom_fields
      FROM contacts o WHERE c.id = $1 AND o.id = $2`,
    [intoId, otherId],
  );
  await sql.query(`UPDATE contact_notes SET contact_id = $1 WHERE contact_id = $2`, [intoId, otherId]);
  const tickets = await tx.touchWhere('contact_id = $2', [intoId, otherId], 'contact_id = $1');
  const data = {
    fromContactId: otherId,
    fromContactName: other.name,
    intoContactId: intoId,
    intoContactName: name,
  };
  for (const t of tickets) {
    await tx.appendEvent(t, 'contact_merged', data, actorId);
    await tx.emit(
      t.id,
      'ticket.updated',
      { ticketId: t.id, seq: Number(t.seq), changes: { contact: { id: intoId, name } } },
      scopeOf(t),
    );
  }
  await sql.query(
    `INSERT INTO contact_merges (into_contact_id, merged_contact_id, merged_contact_name, identity_ids, ticket_ids, merged_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [intoId, otherId, other.name, identities.map((i) => i.id), tickets.map((t) => t.id), actorId],
  );
  await sql.query(`DELETE FROM contacts WHERE id = $1`, [otherId]);
  return {
    contactId: intoId,
    mergedContactId: otherId,
    movedIdentities: identities.length,
    movedTickets: tickets.map((t) => t.id),
  };
}
