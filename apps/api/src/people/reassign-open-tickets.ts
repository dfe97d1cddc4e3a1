import { scopeOf, type TicketTx } from '../tickets/ticket-writer.js';

/** Why the assignee changed, as the timeline event records it. */
export const ASSIGNEE_DISABLED = 'assignee_disabled';

/**
 * Moves every open ticket of a person being disabled to another agent, or back to the team's
 * queue (no assignee), through the ticket writer: one `updated` event per ticket that says why,
 * and the old audience hears that the ticket left them.
 */
export async function reassignOpenTickets(
  tx: TicketTx,
  input: { fromAgentId: string; toAgentId: string | null; actorId: string },
): Promise<number> {
  // The name as it was, so the timeline can say whose account was disabled in plain words.
  const [from] = await tx.sql.query<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [
    input.fromAgentId,
  ]);
  const open = await tx.sql.query<{ id: string }>(
    `SELECT id FROM tickets WHERE assignee_id = $1 AND status NOT IN ('solved', 'closed') ORDER BY id`,
    [input.fromAgentId],
  );
  let moved = 0;
  for (const { id } of open) {
    const ticket = await tx.lock(id);
    if (!ticket || ticket.assignee_id !== input.fromAgentId) continue;
    const updated = await tx.touch(id, 'assignee_id = $2', [input.toAgentId]);
    await tx.appendEvent(
      updated,
      'updated',
      {
        assigneeId: input.toAgentId,
        reason: ASSIGNEE_DISABLED,
        fromAgentId: input.fromAgentId,
        fromAgentName: from?.name ?? null,
      },
      input.actorId,
    );
    const changes = { assigneeId: updated.assignee_id, teamId: updated.team_id };
    // The disabled person's rooms no longer hear the ticket; tell them it left (ids only).
    await tx.emit(id, 'ticket.updated', { ticketId: id, seq: Number(updated.seq), changes }, scopeOf(ticket));
    await tx.ticketUpdated(updated, changes);
    moved += 1;
  }
  return moved;
}
