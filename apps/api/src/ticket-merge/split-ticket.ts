import { Injectable } from '@nestjs/common';
import { asSingleLine, type SplitTicketBody, type TicketMoveResult } from '@switchboard/contracts';
import { conflict, invalid, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { TicketQueries } from '../tickets/ticket-queries.js';
import { toTicketView } from '../tickets/ticket-rows.js';
import { TicketWriter } from '../tickets/ticket-writer.js';

interface ChosenMessage {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  channel: string;
  channel_account_id: string | null;
  text: string;
  external_id: string | null;
  created_at: Date;
}

/**
 * Splitting customer messages off into a ticket of their own (a second question asked in the
 * same thread): the new ticket belongs to the same contact and team, links back to the old one,
 * and the email Message-IDs of the moved messages thread their replies to it.
 */
@Injectable()
export class SplitTicket {
  constructor(
    private readonly queries: TicketQueries,
    private readonly writer: TicketWriter,
    private readonly sla: SlaClockService,
  ) {}

  async split(
    viewer: AuthenticatedViewer,
    ticketId: string,
    input: SplitTicketBody,
  ): Promise<TicketMoveResult> {
    if (!(await this.queries.findVisible(viewer, ticketId))) throw notFound('ticket not found');
    const ids = [...new Set(input.messageIds)];
    return this.writer.change(ticketId, async (tx, ticket) => {
      const [link] = await tx.sql.query<{ merged_into_ticket_id: string | null }>(
        `SELECT merged_into_ticket_id FROM tickets WHERE id = $1`,
        [ticket.id],
      );
      if (link.merged_into_ticket_id || ticket.status === 'closed')
        throw conflict('a closed or merged ticket cannot be split');
      const chosen = await tx.sql.query<ChosenMessage>(
        `SELECT id, direction, kind, channel, channel_account_id, text, external_id, created_at
           FROM messages WHERE ticket_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at, id`,
        [ticket.id, ids],
      );
      if (chosen.length !== ids.length) throw invalid('messageIds: not all are messages of this ticket');
      if (chosen.some((m) => m.direction !== 'in' || m.kind !== 'message'))
        throw invalid('messageIds: only customer messages can be split off');

      const first = chosen[0];
      const last = chosen[chosen.length - 1];
      const subject =
        asSingleLine(first.text.trim().split('\n')[0] ?? '')
          .trim()
          .slice(0, 200) || ticket.subject;
      const created = await tx.insertTicket({
        subject,
        status: 'open',
        priority: ticket.priority,
        channel: first.channel,
        channel_account_id: first.channel_account_id ?? ticket.channel_account_id,
        contact_id: ticket.contact_id,
        team_id: ticket.team_id,
        assignee_id: ticket.assignee_id,
        tags: ticket.tags,
        last_message_at: last.created_at,
        last_customer_message_at: last.created_at,
        split_from_ticket_id: ticket.id,
      });
      await tx.moveTimeline(ticket.id, created.id, { messageIds: ids });
      // A reply to a moved email names its Message-ID: that key now belongs to the new ticket.
      await tx.sql.query(
        `UPDATE ticket_thread_keys k SET ticket_id = $2
           FROM messages m WHERE m.id = ANY($3::uuid[]) AND m.external_id IS NOT NULL
            AND k.ticket_id = $1 AND k.channel_account_id = m.channel_account_id AND k.thread_key = m.external_id`,
        [ticket.id, created.id, ids],
      );
      const opened = await this.sla.apply(tx.sql, created, [{ type: 'ticket_created', status: 'open' }]);
      const left = await tx.touch(
        ticket.id,
        `last_message_at = (SELECT max(created_at) FROM messages WHERE ticket_id = $1 AND kind = 'message')`,
      );
      await this.sla.apply(tx.sql, left, []);
      const data = { messages: ids.length };
      await tx.appendEvent(
        opened,
        'split',
        { ...data, fromTicketId: ticket.id, fromNumber: Number(ticket.number) },
        viewer.userId,
      );
      await tx.appendEvent(
        left,
        'split',
        { ...data, intoTicketId: opened.id, intoNumber: Number(opened.number) },
        viewer.userId,
      );
      const audience = { teamId: opened.team_id, assigneeId: opened.assignee_id };
      const view = toTicketView(opened);
      await tx.emit(opened.id, 'ticket.created', { ticket: view, seq: view.seq }, audience);
      await tx.ticketUpdated(left, { lastMessageAt: toTicketView(left).lastMessageAt });
      await tx.emit(
        left.id,
        'ticket.timeline_moved',
        { ticketId: left.id, seq: Number(left.seq), reason: 'split', otherTicketId: opened.id },
        { teamId: left.team_id, assigneeId: left.assignee_id },
      );
      const summary = (t: typeof left) => ({
        id: t.id,
        number: Number(t.number),
        subject: t.subject,
        status: t.status,
      });
      return { source: summary(left), target: summary(opened) };
    });
  }
}
