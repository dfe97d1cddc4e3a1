import { Injectable, Logger } from '@nestjs/common';
import { chooseAssignee } from '@switchboard/domain';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { TicketEventConsumer } from '../outbox-consumers/ticket-event-consumer.js';
import { toTicketView } from '../tickets/ticket-rows.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { ROUTING_RECHECK } from './routing-signals.js';
import {
  autoAssigningTeams,
  lockCandidates,
  lockStillWaiting,
  waitingTickets,
  type TeamRouting,
} from './team-queue.js';

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
 * more than their capacity; the waiting tickets are locked and checked again before any is
 * given out.
 *
 * A pass is set-based: one batch of events (a burst of new tickets) is one pass per team, and
 * the pass writes all its assignments in a few statements, not a few per ticket, so the engine
 * keeps pace with ingest.
 */
@Injectable()
export class AutoAssignment extends TicketEventConsumer {
  readonly name = 'auto-assignment';
  readonly topics = ['ticket.created', 'ticket.updated', 'agent.availability', ROUTING_RECHECK];
  override readonly batchSize = 500;
  private readonly logger = new Logger('AutoAssignment');

  constructor(consumers: OutboxConsumers, writer: TicketWriter) {
    super(consumers, writer);
  }

  protected async handleBatch(tx: TicketTx, events: OutboxEvent[]): Promise<void> {
    const { teamIds, userIds } = affected(events);
    for (const team of await autoAssigningTeams(tx.sql, [...teamIds], [...userIds]))
      await this.drain(tx, team);
  }

  /** Hands out the team's waiting tickets while someone is eligible; the number assigned. */
  async drain(tx: TicketTx, team: TeamRouting): Promise<number> {
    await tx.sql.query(`SELECT pg_advisory_xact_lock(hashtext('auto-assignment'), hashtext($1))`, [team.id]);
    const queue = await waitingTickets(tx.sql, team.id, PASS_LIMIT);
    if (queue.length === 0) return 0;
    const candidates = await lockCandidates(tx.sql, team.id);
    if (!candidates.some((c) => c.availability === 'online' || !team.assignment.onlyOnline)) return 0;
    // Locked and checked again: an agent may have taken one, or moved it, since the queue was read.
    const waiting = await lockStillWaiting(tx.sql, team.id, queue);
    let cursor = team.cursor;
    const chosen: Array<{ ticketId: string; agentId: string; reason: string }> = [];
    for (const ticket of waiting) {
      const choice = chooseAssignee(team.assignment, ticket.channel, candidates, cursor);
      if (!choice) continue; // another channel's ticket may still fit someone
      const agent = candidates.find((c) => c.id === choice.agentId)!;
      agent.load.total++;
      agent.load.perChannel[ticket.channel] = (agent.load.perChannel[ticket.channel] ?? 0) + 1;
      agent.assignedLastHour++;
      cursor = agent.id;
      chosen.push({ ticketId: ticket.id, agentId: agent.id, reason: choice.reason });
    }
    if (chosen.length) await this.assign(tx, team, chosen);
    if (cursor !== team.cursor)
      await tx.sql.query(`UPDATE teams SET assignment_cursor = $2 WHERE id = $1`, [team.id, cursor]);
    if (chosen.length)
      this.logger.debug(`team ${team.id}: ${chosen.length} of ${queue.length} waiting tickets assigned`);
    return chosen.length;
  }

  /** Writes the pass's assignments through the writer, each kind of row in one statement. */
  private async assign(
    tx: TicketTx,
    team: TeamRouting,
    chosen: Array<{ ticketId: string; agentId: string; reason: string }>,
  ): Promise<void> {
    const updated = await tx.touchEach(
      chosen.map((c) => c.ticketId),
      chosen.map((c) => c.agentId),
      'uuid',
      'assignee_id = v.value',
    );
    const byId = new Map(updated.map((t) => [t.id, t]));
    await tx.appendEvents(
      'auto_assigned',
      chosen.map((c) => ({
        ticketId: c.ticketId,
        seq: byId.get(c.ticketId)!.seq,
        data: { agentId: c.agentId, mode: team.assignment.mode, reason: c.reason },
      })),
    );
    await tx.sql.query(
      `INSERT INTO auto_assignments (ticket_id, agent_id, team_id)
       SELECT ticket_id, agent_id, $3 FROM unnest($1::uuid[], $2::uuid[]) AS v(ticket_id, agent_id)`,
      [chosen.map((c) => c.ticketId), chosen.map((c) => c.agentId), team.id],
    );
    await tx.ticketsUpdated(
      chosen.map((c) => {
        const ticket = byId.get(c.ticketId)!;
        return { ticket, changes: { assigneeId: toTicketView(ticket).assigneeId } };
      }),
    );
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
