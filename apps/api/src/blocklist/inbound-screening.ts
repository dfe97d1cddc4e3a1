import type { Sql } from '../common/db.js';
import { type BlocklistKind, domainsOf, normalizeAddress } from './blocked-senders.js';
import { FLOOD_LIMIT_SQL, FLOOD_WINDOW_COUNT_SQL } from './flood-limit.js';

/** What ingest must do with one inbound message besides storing it. */
export interface InboundScreening {
  /** The sender is blocked (by the most specific entry): the message goes to the spam view. */
  blockedBy: BlocklistKind | null;
  /** The contact is over the flood limit in this window: the message is folded, not shown alone. */
  fold: {
    limit: number;
    windowSeconds: number;
    windowStartedAt: Date;
    /** The window's notice, once written, and its ticket: later folded messages join it. */
    noticeEventId: string | null;
    noticeTicketId: string | null;
  } | null;
}

/**
 * The most specific blocklist entry a sender matches (its kind), or no row: a query over SQL
 * expressions for the contact id, the normalized address and the array of its domains.
 */
export function blockedBySql(contactId: string, address: string, domains: string): string {
  return `SELECT kind::text FROM blocklist_entries
           WHERE (kind = 'contact' AND contact_id = ${contactId}) OR (kind = 'address' AND value = ${address})
              OR (kind = 'domain' AND value = ANY(${domains}))
           ORDER BY kind LIMIT 1`;
}

/**
 * Screens one inbound message in ingest's transaction, after the contact is known and locked:
 * whether the sender is blocked, and whether the contact passed the flood limit, counting this
 * message. One statement: the blocklist match, the limit setting and the contact's counter of
 * the current window (restarted when the window has passed) in one round trip. The counter is
 * a fixed window per contact; the per-contact lock ingest holds serializes its updates.
 */
export async function screenInbound(
  sql: Sql,
  sender: { contactId: string; address: string },
): Promise<InboundScreening> {
  const [row] = await sql.query<{
    blocked_by: BlocklistKind | null;
    received: number;
    window_started_at: Date;
    notice_event_id: string | null;
    notice_ticket_id: string | null;
    max: number;
    win: number;
    enabled: boolean;
  }>(
    `WITH limits AS (${FLOOD_LIMIT_SQL}),
     blocked AS (${blockedBySql('$1', '$2', '$3::text[]')}),
     w AS (
       INSERT INTO contact_flood_windows AS f (contact_id, window_started_at, received) VALUES ($1, now(), 1)
       ${FLOOD_WINDOW_COUNT_SQL}
       RETURNING received, window_started_at, notice_event_id)
     SELECT (SELECT kind FROM blocked) AS blocked_by, w.received, w.window_started_at, w.notice_event_id::text,
            (SELECT e.ticket_id FROM ticket_events e WHERE e.id = w.notice_event_id) AS notice_ticket_id,
            limits.max, limits.win, limits.enabled
       FROM w, limits`,
    [sender.contactId, normalizeAddress(sender.address), domainsOf(sender.address)],
  );
  const over = row.enabled && row.received > row.max;
  return {
    blockedBy: row.blocked_by,
    fold: over
      ? {
          limit: row.max,
          windowSeconds: row.win,
          windowStartedAt: new Date(row.window_started_at),
          noticeEventId: row.notice_event_id,
          noticeTicketId: row.notice_ticket_id,
        }
      : null,
  };
}

/** Remembers the window's notice, so the rest of the window's messages fold into it. */
export async function rememberFoldNotice(sql: Sql, contactId: string, noticeEventId: string): Promise<void> {
  await sql.query(`UPDATE contact_flood_windows SET notice_event_id = $2 WHERE contact_id = $1`, [
    contactId,
    noticeEventId,
  ]);
}
