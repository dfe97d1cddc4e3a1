import type { AgentServerEvents } from '@switchboard/contracts';
import { rooms as roomNames } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import type { PendingEvent } from '../events/ticket-event-bus.js';

/**
 * Routing facts that are not a ticket's change, written to the outbox in the caller's transaction
 * so the auto-assignment consumer reacts to them exactly like to ticket events.
 */

/** Capacity may have freed or the team's mode changed: the engine looks at these teams (or the agent's) again. */
export const ROUTING_RECHECK = 'routing.recheck';

export async function recordRoutingRecheck(
  sql: Sql,
  target: { teamIds?: string[]; userId?: string },
): Promise<void> {
  // Marked published: it is for the engine only, never fanned out to sockets.
  await sql.query(
    `INSERT INTO outbox_events (topic, ticket_id, payload, published_at) VALUES ($1, NULL, $2, now())`,
    [ROUTING_RECHECK, { payload: target, rooms: [] }],
  );
}

/** `agent.availability` for every active colleague's room; the engine reads it too. */
export async function recordAvailabilityChange(
  sql: Sql,
  payload: AgentServerEvents['agent.availability'],
): Promise<PendingEvent<'agent.availability'>> {
  const recipients = await sql.query<{ id: string }>(`SELECT id FROM users WHERE active`);
  const rooms = recipients.map((r) => roomNames.agent(r.id));
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO outbox_events (topic, ticket_id, payload) VALUES ('agent.availability', NULL, $1) RETURNING id`,
    [{ payload, audience: { teamId: null, assigneeId: null }, rooms }],
  );
  return {
    outboxId: String(row.id),
    name: 'agent.availability',
    payload,
    audience: { teamId: null, assigneeId: null },
    rooms,
  };
}
