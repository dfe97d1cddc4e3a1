import type { Sql } from '../common/db.js';
import { readSetting } from '../settings/app-settings.js';
import type { TicketRow } from './ticket-rows.js';
import type { TicketTx } from './ticket-writer.js';

/** Why the timeline says the ticket was assigned: the agent answered it while nobody owned it. */
export const ASSIGNED_ON_REPLY = 'replied_while_unassigned';

/**
 * Whoever answers a ticket nobody owns takes it, so the customer's next message reaches them
 * (a workspace setting, on by default). The reply's own change sets the assignee, so the reply
 * stays one change of the ticket.
 */
export async function assignsOnReply(sql: Sql, ticket: TicketRow): Promise<boolean> {
  if (ticket.assignee_id) return false;
  const setting = await readSetting(sql, 'reply.assign_on_reply');
  return setting.value === 'true';
}

/** The timeline event that says who was assigned by replying, and why. */
export async function recordAssignedOnReply(tx: TicketTx, ticket: TicketRow, agentId: string): Promise<void> {
  await tx.appendEvent(ticket, 'updated', { assigneeId: agentId, reason: ASSIGNED_ON_REPLY }, agentId);
}
