import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { chooseAssignee, type AssignmentCandidate } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import type { OutboxConsumer, OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { toTicketView } from '../tickets/ticket-rows.js';
import { scopeOf, TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { ROUTING_RECHECK } from './routing-signals.js';
import { autoAssigningTeams, lockCandidates, waitingTickets, type TeamRouting } from './team-queue.js';

/** Tickets one team pass hands out at most; a longer queue continues on the next event or poll. */
const PASS_LIMIT = 500;

/**
 * Auto-assignment, as an outbox consumer: any committed event that may change who should get
 * what (a new or reopened ticket, a solve or transfer that frees capacity, an agent coming
 * online, a new limit or mode) makes the engine drain the queues of the teams involved.
 *
 * A pass is idempotent (it only hands out tickets that are still unassigned), and it runs in
 * the consumer's transaction, so the cursor moves with the assignments it made: a crash replays
 * the batch and finds nothing done twice. Each team is taken under a transaction-level advisory
 * lock and its members' rows under row locks, so passes on several nodes cannot give one agent
 * more than their capacity; each ticket is locked and checked again before it is assigned.
 */
@Injectable()
export class AutoAssignment implements OutboxConsumer, OnModuleInit {
  readonly name = 'auto-assignment';
  readonly topics = ['ticket.created', 'ticket.updated', 'agent.availability', ROUTING_RECHECK];
  readonly batchSize = 500;
  private readonly logger = new Logger('AutoAssignment');

  constructor(
    private readonly consumers: OutboxConsumers,
    private readonly writer: TicketWriter,
  ) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  async handle(sql: Sql, events: OutboxEvent[]): Promise<() => void> {
    const { teamIds, userIds } = affected(events);
    const tx = this.writer.join(sql);
    for (const team of await autoAssigningTeams(sql, [...teamIds], [...userIds])) await this.drain(tx, team);
    return () => this.writer.afterCommit(tx);
  }

  /** Hands out the team's waiting tickets while someone is eligible; the number assigned. */
  async drain(tx: TicketTx, team: TeamRouting): Promise<number> {
    await tx.sql.query(`SELECT pg_advisory_xact_lock(hashtext('auto-assignment'), hashtext($1))`, [team.id]);
    const waiting = await waitingTickets(tx.sql, team.id, PASS_LIMIT);
    if (waiting.length === 0) return 0;
    const candidates = await lockCandidates(tx.sql, team.id);
    let cursor = team.cursor;
    let assigned = 0;
    for (const ticket of waiting) {
      const choice = chooseAssignee(team.assignment, ticket.channel, candidates, cursor);
      if (!choice) continue; // another channel's ticket may still fit someone
      const agent = candidates.find((c) => c.id === choice.agentId)!;
      if (!(await this.assign(tx, ticket.id, team, agent, choice.reason))) continue;
      agent.load.total++;
      agent.load.perChannel[ticket.channel] = (agent.load.perChannel[ticket.channel] ?? 0) + 1;
      agent.assignedLastHour++;
      cursor = agent.id;
      assigned++;
    }
    if (cursor !== team.cursor)
      await tx.sql.query(`UPDATE teams SET assignment_cursor = $2 WHERE id = $1`, [team.id, cursor]);
    if (assigned)
      this.logger.debug(`team ${team.id}: ${assigned} of ${waiting.length} waiting tickets assigned`);
    return assigned;
  }

  private async assign(
    tx: TicketTx,
    ticketId: string,
    team: TeamRouting,
    agent: AssignmentCandidate,
    reason: string,
  ): Promise<boolean> {
    // Locked and checked again: an agent may have taken it, or moved it, since the queue was read.
    const before = await tx.lock(ticketId);
    if (!before || before.assignee_id !== null || before.team_id !== team.id) return false;
    if (before.status !== 'new' && before.status !== 'open') return false;
    const updated = await tx.touch(ticketId, 'assignee_id = $2', [agent.id]);
    await tx.appendEvent(updated, 'auto_assigned', { agentId: agent.id, mode: team.assignment.mode, reason });
    await tx.sql.query(`INSERT INTO auto_assignments (ticket_id, agent_id, team_id) VALUES ($1, $2, $3)`, [
      ticketId,
      agent.id,
      team.id,
    ]);
    await tx.ticketUpdated(updated, { assigneeId: toTicketView(updated).assigneeId }, scopeOf(updated));
    return true;
  }
}

/** The fields of the events' payloads that name a team or an agent. */
interface SignalPayload {
  ticket?: { teamId?: string | null };
  changes?: { teamId?: string | null; assigneeId?: string | null; status?: string };
  userId?: string;
  teamIds?: string[];
}

/**
 * A ticket given to someone (by the engine or by hand) with nothing else changed: that frees no
 * capacity and adds nothing to a queue, so it needs no pass. A move away from someone is also
 * told to the old audience with the team in its changes, and that event does need one.
 */
function takesCapacityOnly(payload: SignalPayload): boolean {
  const changes = payload.changes ?? {};
  return !!changes.assigneeId && !('teamId' in changes) && !('status' in changes);
}

/** The teams and agents whose queues or capacity these events may have changed. */
function affected(events: OutboxEvent[]): { teamIds: Set<string>; userIds: Set<string> } {
  const teamIds = new Set<string>();
  const userIds = new Set<string>();
  const add = (set: Set<string>, id: unknown) => {
    if (typeof id === 'string' && id) set.add(id);
  };
  for (const { topic, body } of events) {
    const payload = (body.payload ?? {}) as SignalPayload;
    if (topic === 'ticket.updated' && takesCapacityOnly(payload)) continue;
    add(teamIds, body.audience?.teamId);
    add(userIds, body.audience?.assigneeId);
    if (topic === 'ticket.created') add(teamIds, payload.ticket?.teamId);
    if (topic === 'ticket.updated') add(teamIds, payload.changes?.teamId);
    if (topic === 'agent.availability') add(userIds, payload.userId);
    if (topic === ROUTING_RECHECK) {
      for (const id of payload.teamIds ?? []) add(teamIds, id);
      add(userIds, payload.userId);
    }
  }
  return { teamIds, userIds };
}
