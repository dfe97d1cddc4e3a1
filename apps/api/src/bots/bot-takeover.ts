import type { SlaClockService } from '../sla/sla-clock.service.js';
import type { TicketRow } from '../tickets/ticket-rows.js';
import type { TicketTx } from '../tickets/ticket-writer.js';

/**
 * A person acts on a ticket a bot still holds (replies, assigns, transfers, holds it): the person
 * has it from now on. The bot stops answering, the ticket joins its team's queue, and its SLA clocks
 * start now, as at a handoff. Returns the (locked) ticket as it is afterwards; a ticket no bot
 * holds is returned unchanged.
 */
export async function takeOverFromBot(
  tx: TicketTx,
  sla: SlaClockService,
  ticket: TicketRow,
): Promise<TicketRow> {
  if (!ticket.bot_id) return ticket;
  // The team the bot would have handed off to: a person's ticket belongs to a team's queue.
  const updated = await tx.touch(
    ticket.id,
    `bot_id = NULL, team_id = COALESCE(team_id, (SELECT handoff_team_id FROM bots WHERE id = tickets.bot_id),
                                       (SELECT team_id FROM channel_accounts WHERE id = tickets.channel_account_id))`,
  );
  await sla.apply(tx.sql, updated, [{ type: 'ticket_created', status: updated.status }]);
  await tx.sql.query(
    `UPDATE bot_sessions SET finished = true, waiting_on = NULL, handed_off_at = now(), updated_at = now() WHERE ticket_id = $1`,
    [ticket.id],
  );
  await tx.ticketUpdated(updated, { botId: null, teamId: updated.team_id });
  return updated;
}
