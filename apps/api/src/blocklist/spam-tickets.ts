import { Injectable } from '@nestjs/common';
import { isUuid, type MessageView, type TicketView } from '@switchboard/contracts';
import { invalid, notFound, type Viewer } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import {
  MESSAGE_COLUMNS,
  MESSAGE_FROM,
  TICKET_COLUMNS,
  TICKET_FROM,
  toMessageView,
  toTicketView,
  type MessageRow,
  type TicketRow,
} from '../tickets/ticket-rows.js';
import type { SpamListQuery } from './blocklist-input.js';

export interface SpamTicketView extends TicketView {
  spamAt: string;
  spamReason: string | null;
  /** The latest message from the customer, for a glance at what was caught. */
  preview: string | null;
}

const cursorOf = (t: SpamTicketView) => Buffer.from(`${t.spamAt}|${t.id}`).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const time = at ? new Date(at) : null;
  if (rest.length || !time || Number.isNaN(time.getTime()) || !isUuid(id))
    throw invalid('cursor: must be a nextCursor returned by this list');
  return { at: time.toISOString(), id };
}

/**
 * The spam view: tickets of blocked senders and tickets marked as spam, newest first, searchable
 * by subject, contact, handle and message text, under the same visibility rule as every queue.
 */
@Injectable()
export class SpamTickets {
  constructor(private readonly db: Db) {}

  async list(
    viewer: Viewer,
    q: SpamListQuery,
  ): Promise<{ items: SpamTicketView[]; nextCursor: string | null }> {
    const params: unknown[] = [];
    const where = ['t.spam_at IS NOT NULL', visibleTo(viewer, params)];
    if (q.q) {
      params.push(`%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
      const p = `$${params.length}`;
      where.push(`(t.subject ILIKE ${p} OR c.name ILIKE ${p}
        OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = t.contact_id AND i.address ILIKE ${p})
        OR EXISTS (SELECT 1 FROM messages sm WHERE sm.ticket_id = t.id AND sm.text ILIKE ${p}))`);
    }
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      params.push(c.at, c.id);
      where.push(`(t.spam_at, t.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(q.limit + 1);
    const rows = await this.db.query<
      TicketRow & { spam_at: Date; spam_reason: string | null; preview: string | null }
    >(
      `SELECT ${TICKET_COLUMNS}, t.spam_at, t.spam_reason,
              (SELECT left(pm.text, 200) FROM messages pm WHERE pm.ticket_id = t.id AND pm.direction = 'in'
                ORDER BY pm.created_at DESC LIMIT 1) AS preview
         FROM ${TICKET_FROM} WHERE ${where.join(' AND ')}
        ORDER BY t.spam_at DESC, t.id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, q.limit).map((r) => ({
      ...toTicketView(r),
      spamAt: new Date(r.spam_at).toISOString(),
      spamReason: r.spam_reason,
      preview: r.preview,
    }));
    return { items, nextCursor: rows.length > q.limit ? cursorOf(items[items.length - 1]) : null };
  }

  /** The messages the flood limit folded on a ticket, oldest first, each with the notice it folded into. */
  async folded(
    viewer: Viewer,
    ticketId: string,
  ): Promise<{ items: Array<MessageView & { noticeEventId: string }> }> {
    const params: unknown[] = [ticketId];
    const visible = isUuid(ticketId)
      ? await this.db.one(`SELECT 1 FROM tickets t WHERE t.id = $1 AND ${visibleTo(viewer, params)}`, params)
      : null;
    if (!visible) throw notFound('ticket not found');
    const rows = await this.db.query<MessageRow & { notice_event_id: string }>(
      `SELECT ${MESSAGE_COLUMNS}, m.meta->>'foldedBy' AS notice_event_id FROM ${MESSAGE_FROM}
        WHERE m.ticket_id = $1 AND m.meta ? 'foldedBy' ORDER BY m.created_at, m.id`,
      [ticketId],
    );
    return { items: rows.map((r) => ({ ...toMessageView(r), noticeEventId: r.notice_event_id })) };
  }
}
