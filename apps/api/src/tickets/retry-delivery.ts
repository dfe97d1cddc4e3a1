import { Controller, HttpCode, Injectable, Param, Post } from '@nestjs/common';
import type { MessageView } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { isUuid } from '../common/validation.js';
import { TicketQueries } from './ticket-queries.js';
import { TicketWriter } from './ticket-writer.js';
import { conflict, notFound } from '@switchboard/domain';

/**
 * An agent sends a failed outbound message again. It goes back to `queued` with a new outbound
 * job under the same idempotency key (the message id), so a provider that did take the first
 * attempt after all can still count it once.
 */
@Injectable()
export class RetryDelivery {
  constructor(
    private readonly queries: TicketQueries,
    private readonly writer: TicketWriter,
  ) {}

  async retry(viewer: AuthenticatedViewer, ticketId: string, messageId: string): Promise<MessageView> {
    const ticket = await this.queries.findVisible(viewer, ticketId);
    if (!ticket || !isUuid(messageId)) throw notFound('message not found');
    return this.writer.transaction(async (tx) => {
      const t = await tx.touch(ticket.id);
      const [current] = await tx.sql.query<{
        direction: string;
        kind: string;
        delivery_state: string | null;
      }>(`SELECT direction, kind, delivery_state FROM messages WHERE id = $1 AND ticket_id = $2 FOR UPDATE`, [
        messageId,
        ticket.id,
      ]);
      if (!current || current.direction !== 'out' || current.kind !== 'message')
        throw notFound('message not found');
      if (current.delivery_state !== 'failed')
        throw conflict(
          `only a failed message can be retried; this one is ${current.delivery_state ?? 'not outbound'}`,
        );
      await tx.appendEvent(t, 'delivery_retried', { messageId }, viewer.userId);
      return tx.requeueFailed(t, messageId);
    });
  }
}

@Controller('tickets')
export class RetryDeliveryController {
  constructor(private readonly retries: RetryDelivery) {}

  @Post(':id/messages/:messageId/retry')
  @HttpCode(200)
  retry(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
    @Param('messageId') messageId: string,
  ): Promise<MessageView> {
    return this.retries.retry(viewer, id, messageId);
  }
}
