import { Controller, HttpCode, Injectable, Param, Post } from '@nestjs/common';
import type { MessageView } from '@switchboard/contracts';
import { conflict, notFound } from '@switchboard/domain';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { TicketEventBus, type PendingEvent } from '../events/ticket-event-bus.js';
import { OutboundWakeup } from '../outbound/outbound-wakeup.js';
import { TicketQueries } from './ticket-queries.js';
import { MESSAGE_COLUMNS, toMessageView, type MessageRow } from './ticket-rows.js';

/**
 * An agent sends a failed outbound message again. It goes back to `queued` with a new outbound
 * job under the same idempotency key (the message id), so a provider that did take the first
 * attempt after all can still count it once.
 */
@Injectable()
export class RetryDelivery {
  constructor(
    private readonly db: Db,
    private readonly queries: TicketQueries,
    private readonly bus: TicketEventBus,
    private readonly wakeup: OutboundWakeup,
  ) {}

  async retry(viewer: AuthenticatedViewer, ticketId: string, messageId: string): Promise<MessageView> {
    const ticket = await this.queries.findVisible(viewer, ticketId);
    if (!ticket || !isUuid(messageId)) throw notFound('message not found');
    const pending: PendingEvent[] = [];
    const message = await this.db.tx(async (sql) => {
      const [t] = await sql.query<{ seq: string; team_id: string | null; assignee_id: string | null }>(
        `UPDATE tickets SET seq = seq + 1, updated_at = now() WHERE id = $1 RETURNING seq, team_id, assignee_id`,
        [ticket.id],
      );
      const [current] = await sql.query<{ direction: string; kind: string; delivery_state: string | null }>(
        `SELECT direction, kind, delivery_state FROM messages WHERE id = $1 AND ticket_id = $2 FOR UPDATE`,
        [messageId, ticket.id],
      );
      if (!current || current.direction !== 'out' || current.kind !== 'message') throw notFound('message not found');
      if (current.delivery_state !== 'failed') throw conflict(`only a failed message can be retried; this one is ${current.delivery_state ?? 'not outbound'}`);
      const [row] = await sql.query<MessageRow>(
        `WITH m AS (UPDATE messages SET delivery_state = 'queued', delivery_error = NULL, sent_at = NULL WHERE id = $1 RETURNING *)
         SELECT ${MESSAGE_COLUMNS} FROM m LEFT JOIN users u ON u.id = m.author_id`,
        [messageId],
      );
      await sql.query(
        `INSERT INTO outbound_jobs (message_id, idempotency_key) VALUES ($1, $2)
         ON CONFLICT (message_id) DO UPDATE SET attempts = 0, next_attempt_at = now(), locked_until = NULL, last_error = NULL`,
        [messageId, messageId],
      );
      await sql.query(`INSERT INTO ticket_events (ticket_id, seq, type, actor_id, data) VALUES ($1, $2, 'delivery_retried', $3, $4)`, [ticket.id, t.seq, viewer.userId, { messageId }]);
      const view = toMessageView(row);
      pending.push(await this.bus.record(sql, ticket.id, 'message.updated', { ticketId: ticket.id, seq: Number(t.seq), message: view }, { teamId: t.team_id, assigneeId: t.assignee_id }));
      return view;
    });
    this.bus.publish(pending);
    this.wakeup.wake();
    return message;
  }
}

@Controller('tickets')
export class RetryDeliveryController {
  constructor(private readonly retries: RetryDelivery) {}

  @Post(':id/messages/:messageId/retry')
  @HttpCode(200)
  retry(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Param('messageId') messageId: string): Promise<MessageView> {
    return this.retries.retry(viewer, id, messageId);
  }
}
