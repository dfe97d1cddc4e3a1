import type { AssignmentCandidate, TeamAssignment } from '@switchboard/domain';
import type { Sql } from '../common/db.js';

/** The statuses that count against an agent's capacity: everything not yet solved. */
export const LOAD_STATUSES = `('new', 'open', 'pending', 'on_hold')`;

export interface WaitingTicket {
  id: string;
  channel: string;
}

/**
 * The team's unassigned tickets the engine may hand out, most urgent first: by the nearest SLA
 * due time when the ticket has one, else by age. A ticket someone assigned or unassigned by
 * hand, or transferred to a person, stays a person's decision: the engine never takes it.
 * Read without locks: a pass locks only the tickets it assigns (and checks them again then), so
 * a long queue nobody can take costs one read per event, not a lock on every waiting row.
 */
export function waitingTickets(sql: Sql, teamId: string, limit: number): Promise<WaitingTicket[]> {
  return sql.query<WaitingTicket>(
    `SELECT t.id, t.channel FROM tickets t
      WHERE t.team_id = $1 AND t.assignee_id IS NULL AND t.status IN ('new', 'open') AND t.spam_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM ticket_events e
           WHERE e.ticket_id = t.id
             AND ((e.type = 'updated' AND e.data ? 'assigneeId')
               OR (e.type = 'transferred' AND e.data->>'toAgentId' IS NOT NULL)))
      ORDER BY least(t.first_response_due_at, t.resolution_due_at) NULLS LAST, t.created_at, t.id
      LIMIT $2`,
    [teamId, limit],
  );
}

/**
 * The tickets of `queue` that are still the engine's to hand out, locked, in queue order. Locks
 * are taken in id order (so two passes cannot deadlock on each other), and the conditions are
 * checked again after each lock wait: an agent may have taken or moved one since the read.
 */
export async function lockStillWaiting(
  sql: Sql,
  teamId: string,
  queue: WaitingTicket[],
): Promise<WaitingTicket[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM tickets
      WHERE id = ANY($1::uuid[]) AND team_id = $2 AND assignee_id IS NULL AND status IN ('new', 'open') AND spam_at IS NULL
      ORDER BY id FOR NO KEY UPDATE`,
    [queue.map((t) => t.id), teamId],
  );
  const still = new Set(rows.map((r) => r.id));
  return queue.filter((t) => still.has(t.id));
}

/**
 * The team's active members with their availability, limits and current load, their user rows
 * locked (NO KEY UPDATE: still lets tickets and messages reference them) so that no other pass
 * counts the same load at the same time and pushes an agent over capacity.
 */
export async function lockCandidates(sql: Sql, teamId: string): Promise<AssignmentCandidate[]> {
  const rows = await sql.query<{
    id: string;
    availability: AssignmentCandidate['availability'];
    capacity: AssignmentCandidate['capacity'];
    total: number;
    per_channel: Record<string, number>;
    last_hour: number;
  }>(
    `SELECT u.id, u.availability, u.capacity,
            (SELECT count(*)::int FROM tickets x WHERE x.assignee_id = u.id AND x.status IN ${LOAD_STATUSES}) AS total,
            (SELECT coalesce(jsonb_object_agg(c.channel, c.n), '{}') FROM (
               SELECT x.channel, count(*)::int AS n FROM tickets x
                WHERE x.assignee_id = u.id AND x.status IN ${LOAD_STATUSES} GROUP BY x.channel) c) AS per_channel,
            (SELECT count(*)::int FROM auto_assignments a
              WHERE a.agent_id = u.id AND a.assigned_at > now() - interval '1 hour') AS last_hour
       FROM users u
      WHERE u.active AND u.id IN (SELECT user_id FROM team_memberships WHERE team_id = $1)
      ORDER BY u.id
      FOR NO KEY UPDATE OF u`,
    [teamId],
  );
  return rows.map((r) => ({
    id: r.id,
    availability: r.availability,
    capacity: r.capacity ?? {},
    load: { total: r.total, perChannel: r.per_channel },
    assignedLastHour: r.last_hour,
  }));
}

export interface TeamRouting {
  id: string;
  assignment: TeamAssignment;
  cursor: string | null;
}

/** Teams among `teamIds`, or the teams of `userIds`, that assign automatically; in id order (the lock order). */
export function autoAssigningTeams(sql: Sql, teamIds: string[], userIds: string[]): Promise<TeamRouting[]> {
  return sql.query<TeamRouting>(
    `SELECT id, assignment, assignment_cursor AS cursor FROM teams
      WHERE (id = ANY($1::uuid[]) OR id IN (SELECT team_id FROM team_memberships WHERE user_id = ANY($2::uuid[])))
        AND assignment->>'mode' <> 'manual'
      ORDER BY id`,
    [teamIds, userIds],
  );
}
