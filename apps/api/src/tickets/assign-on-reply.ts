import { readSetting } from '../settings/app-settings.js';
import type { TicketRow } from './ticket-rows.js';
import type { TicketTx } from './ticket-writer.js';

/** Why the timeline says the ticket was assigned: the agent answered it while nobody owned it. */
export const ASSIGNED_ON_REPLY = 'replied_while_unassigned';

/**
 * Whoever answers a ticket nobody owns takes it, so the customer's next message reaches them
 * (a workspace setting, on by default). Same transaction as the reply; the timeline says why.
 */
export async function assignOnReply(tx: TicketTx, ticket: TicketRow, agentId: string): Promise<TicketRow> {
  if (ticket.assignee_id) return ticket;
  const setting = await readSetting(tx.sql, 'reply.assign_on_reply');
  if (setting.value !== 'true') return ticket;
  const assigned = await tx.touch(ticket.id, 'assignee_id = $2', [agentId]);
  await tx.appendEvent(assigned, 'updated', { assigneeId: agentId, reason: ASSIGNED_ON_REPLY }, agentId);
  return assigned;
}
