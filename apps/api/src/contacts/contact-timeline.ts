import { Injectable } from '@nestjs/common';
import type { ContactTimelineEntry, ContactTimelineQuery, Page } from '@switchboard/contracts';
import type { Viewer } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { decodeCursor, encodeCursor, FROM_MICROS_SQL, MICROS_SQL } from './contact-cursor.js';
import { requireVisibleContact } from './contact-visibility.js';

/**
 * One timeline of a contact: the messages and notes of every ticket of theirs the viewer may see,
 * whatever the channel, newest first, a page at a time. The keyset (created_at, id) keeps a page
 * as cheap as the first however far back the agent scrolls.
 */
@Injectable()
export class ContactTimeline {
  constructor(private readonly db: Db) {}

  async page(
    viewer: Viewer,
    contactId: string,
    q: ContactTimelineQuery,
  ): Promise<Page<ContactTimelineEntry>> {
    await requireVisibleContact(this.db, viewer, contactId);
    const params: unknown[] = [contactId];
    const where = [`t.contact_id = $1`, visibleTo(viewer, params)];
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      params.push(c.micros, c.id);
      where.push(
        `(m.created_at, m.id) < (${FROM_MICROS_SQL(`$${params.length - 1}`)}, $${params.length}::uuid)`,
      );
    }
    params.push(q.limit + 1);
    const rows = await this.db.query<{
      id: string;
      ticket_id: string;
      number: string;
      subject: string;
      status: string;
      channel: string;
      direction: 'in' | 'out';
      kind: string;
      preview: string;
      author_name: string | null;
      created_at: Date;
      micros: string;
    }>(
      `SELECT m.id, m.ticket_id, t.number, t.subject, t.status, m.channel, m.direction, m.kind,
              left(m.text, 500) AS preview, u.name AS author_name, m.created_at,
              ${MICROS_SQL('m.created_at')} AS micros
         FROM tickets t JOIN messages m ON m.ticket_id = t.id LEFT JOIN users u ON u.id = m.author_id
        WHERE ${where.join(' AND ')}
        ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        ticket: { id: r.ticket_id, number: Number(r.number), subject: r.subject, status: r.status },
        channel: r.channel,
        direction: r.direction,
        kind: r.kind,
        preview: r.preview,
        authorName: r.author_name,
        createdAt: r.created_at.toISOString(),
      })),
      nextCursor: rows.length > q.limit ? encodeCursor(last.micros, last.id) : null,
    };
  }
}
