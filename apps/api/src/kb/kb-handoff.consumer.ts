import { Injectable } from '@nestjs/common';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { TicketEventConsumer, ticketIdsOf } from '../outbox-consumers/ticket-event-consumer.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { articlePath } from './kb-articles.service.js';

/** Articles opened this long before the first message still count as what led to it. */
const LOOKBACK = '24 hours';

interface OpenedRow {
  ticket_id: string;
  article_id: string;
  title: string;
  locale: string;
  slug: string;
}

/**
 * When a widget visitor who read articles starts a conversation, the agent should not ask what
 * they already tried: the new ticket gets a handoff note listing the articles the visitor opened
 * (with links), and those openings are marked as escalated rather than deflected.
 */
@Injectable()
export class KbHandoffConsumer extends TicketEventConsumer {
  readonly name = 'kb-handoff';
  readonly topics = ['ticket.created'];

  constructor(consumers: OutboxConsumers, writer: TicketWriter) {
    super(consumers, writer);
  }

  protected async handleBatch(tx: TicketTx, events: OutboxEvent[]): Promise<void> {
    const ids = ticketIdsOf(events);
    if (!ids.length) return;
    // The visitor is on the ticket's first customer message, stored with it in the ingest transaction.
    const rows = await tx.sql.query<OpenedRow>(
      `WITH first AS (
         SELECT DISTINCT ON (m.ticket_id) m.ticket_id, (m.meta->'widget'->>'visitorId')::uuid AS visitor_id, m.created_at
           FROM messages m
          WHERE m.ticket_id = ANY($1::uuid[]) AND m.direction = 'in' AND m.meta ? 'widget'
          ORDER BY m.ticket_id, m.created_at),
       linked AS (
         UPDATE kb_widget_events e SET ticket_id = f.ticket_id
           FROM first f
          WHERE e.visitor_id = f.visitor_id AND e.ticket_id IS NULL
            AND e.created_at BETWEEN f.created_at - interval '${LOOKBACK}' AND f.created_at
         RETURNING e.ticket_id, e.article_id, e.type, e.created_at)
       SELECT l.ticket_id, l.article_id, t.title, t.locale, t.slug
         FROM (SELECT ticket_id, article_id, min(created_at) AS at FROM linked WHERE type = 'opened'
                GROUP BY ticket_id, article_id) l
         JOIN LATERAL (SELECT title, locale, slug FROM kb_translations
                        WHERE article_id = l.article_id AND status = 'published'
                        ORDER BY locale LIMIT 1) t ON true
        ORDER BY l.ticket_id, l.at`,
      [ids],
    );
    const byTicket = new Map<string, OpenedRow[]>();
    for (const r of rows) byTicket.set(r.ticket_id, [...(byTicket.get(r.ticket_id) ?? []), r]);
    for (const [ticketId, opened] of byTicket) {
      if (!(await tx.lock(ticketId))) continue;
      const ticket = await tx.touch(ticketId);
      const articles = opened.map((o) => ({
        id: o.article_id,
        title: o.title,
        url: articlePath(o.locale, o.slug),
      }));
      await tx.appendMessage(ticket, {
        kind: 'transfer_note',
        text: [
          'Before asking, the customer read these help articles:',
          ...articles.map((a) => `- ${a.title} (${a.url})`),
        ].join('\n'),
        authorId: null,
        meta: { kbArticles: articles },
      });
    }
  }
}
