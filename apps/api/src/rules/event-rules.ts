import { Injectable, Logger } from '@nestjs/common';
import { matchesConditions, type RuleFacts } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { TicketEventConsumer, ticketIdsOf } from '../outbox-consumers/ticket-event-consumer.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { RuleActions, type ActionOutcome } from './rule-actions.js';
import { BatchFacts, depthOf, ruleEventOf, type FactTicket } from './rule-event-facts.js';
import { activeRules, type RuleRow } from './rule-store.js';
import { RuleWebhooks, type WebhookCall } from './rule-webhooks.js';

/** Rule-made events deeper than this run no rules: rules that trigger each other stop. */
export const RULE_DEPTH_LIMIT = 3;
/** Rule runs that changed one ticket within an hour, after which its rules are skipped. */
export const RULE_RUNS_PER_TICKET_HOUR = 50;

/** What the batch shares between its events: facts read once, state carried from event to event. */
interface BatchState {
  facts: BatchFacts;
  /** Per ticket, the change-tracked fields as the engine last saw them (written once at the end). */
  seen: Map<string, Partial<RuleFacts>>;
  /** Per ticket, applied rule runs within the hour (read once for the tickets a rule matched). */
  recentRuns: Map<string, number> | null;
  calls: WebhookCall[];
  /** Outbox events rules made, by the depth they carry: marked in one statement per depth. */
  made: Map<number, string[]>;
}

/**
 * Event rules, as an outbox consumer: each committed ticket event runs the active rules that
 * listen to it, in order, each at most once. Everything a rule does is written in the consumer's
 * transaction (through the ticket writer) together with its run row and the cursor, so a crash
 * replays the batch and a commit never does. Each rule runs under a savepoint: one that fails is
 * rolled back alone, logged with its reason and skipped, and the others still run.
 *
 * A batch costs in proportion to what matched, not to its size: the facts of all its events are
 * read in a few statements, conditions are judged in memory, and only a ticket a rule matched is
 * locked, read again under the lock and changed.
 */
@Injectable()
export class EventRules extends TicketEventConsumer {
  readonly name = 'event-rules';
  readonly topics = [
    'ticket.created',
    'message.created',
    'ticket.updated',
    'sla.warning',
    'sla.breached',
    'survey.received',
  ];
  private readonly logger = new Logger('EventRules');

  constructor(
    consumers: OutboxConsumers,
    writer: TicketWriter,
    private readonly actions: RuleActions,
    private readonly webhooks: RuleWebhooks,
    private readonly sla: SlaClockService,
  ) {
    super(consumers, writer);
  }

  protected async handleBatch(tx: TicketTx, events: OutboxEvent[]): Promise<() => void> {
    const rules = await activeRules(tx.sql, 'event');
    const calls: WebhookCall[] = [];
    const tracksChanges = rules.some((r) => r.events.includes('ticket.updated'));
    const relevant = events.filter((e) => {
      const name = ruleEventOf(e);
      return !!name && !!e.ticketId && (tracksChanges || rules.some((r) => r.events.includes(name)));
    });
    if (relevant.length) {
      const calendars = await this.sla.calendarOf(tx.sql);
      const state: BatchState = {
        facts: await BatchFacts.load(tx.sql, relevant, calendars, this.sla.now()),
        seen: tracksChanges ? await lastSeen(tx.sql, ticketIdsOf(relevant)) : new Map(),
        recentRuns: null,
        calls,
        made: new Map(),
      };
      for (const event of relevant) await this.runEvent(tx, rules, event, tracksChanges, state);
      await markDepths(tx.sql, state.made);
      if (tracksChanges) await remember(tx.sql, state.seen);
    }
    return () => {
      for (const call of calls) this.webhooks.send(call);
    };
  }

  private async runEvent(
    tx: TicketTx,
    rules: RuleRow[],
    event: OutboxEvent,
    tracksChanges: boolean,
    state: BatchState,
  ): Promise<void> {
    const name = ruleEventOf(event)!;
    let ticket = state.facts.tickets.get(event.ticketId!);
    if (!ticket) return;
    const before = name === 'ticket.updated' ? (state.seen.get(ticket.id) ?? null) : null;
    const listening = rules.filter((r) => r.events.includes(name));
    // Judged on the batch's read first: most events match no rule and cost nothing more.
    const read = listening.length ? state.facts.of(ticket, event) : null;
    if (read && listening.some((r) => matchesConditions(r.conditions, read, before))) {
      const locked = await BatchFacts.lock(tx.sql, ticket.id);
      if (!locked) return;
      ticket = await this.runRules(tx, listening, locked, event, name, before, state);
      state.facts.tickets.set(ticket.id, ticket);
    }
    if (tracksChanges) state.seen.set(ticket.id, changeFacts(ticket));
  }

  /** The listening rules, in order, on the locked ticket; the ticket as they left it. */
  private async runRules(
    tx: TicketTx,
    listening: RuleRow[],
    locked: FactTicket,
    event: OutboxEvent,
    name: string,
    before: Partial<RuleFacts> | null,
    state: BatchState,
  ): Promise<FactTicket> {
    const depth = depthOf(event);
    const key = `outbox:${event.id}`;
    let ticket = locked;
    let facts = state.facts.of(ticket, event);
    for (const rule of listening) {
      if (!matchesConditions(rule.conditions, facts, before)) continue;
      if (depth >= RULE_DEPTH_LIMIT) {
        await logRun(
          tx.sql,
          rule,
          ticket.id,
          name,
          key,
          depth,
          'skipped',
          `depth limit ${RULE_DEPTH_LIMIT} reached: rules triggered each other`,
          [],
        );
        continue;
      }
      const recent = await this.recentRuns(tx.sql, state, ticket.id);
      if (recent >= RULE_RUNS_PER_TICKET_HOUR) {
        await logRun(
          tx.sql,
          rule,
          ticket.id,
          name,
          key,
          depth,
          'skipped',
          `more than ${RULE_RUNS_PER_TICKET_HOUR} rule runs on this ticket in the last hour`,
          [],
        );
        continue;
      }
      const after = await this.runRule(tx, rule, ticket, name, key, depth, state);
      if (after) {
        state.recentRuns!.set(ticket.id, recent + 1);
        // The next rules see what this one changed.
        ticket = after;
        facts = state.facts.of(ticket, event);
      }
    }
    return ticket;
  }

  /** Applied runs of the ticket in the last hour; read once per batch, for every ticket of it. */
  private async recentRuns(sql: Sql, state: BatchState, ticketId: string): Promise<number> {
    state.recentRuns ??= await appliedLastHour(sql, [...state.facts.tickets.keys()]);
    return state.recentRuns.get(ticketId) ?? 0;
  }

  /** One rule on one event under a savepoint; the ticket as it left it (null when it failed). */
  private async runRule(
    tx: TicketTx,
    rule: RuleRow,
    ticket: FactTicket,
    event: string,
    key: string,
    depth: number,
    state: BatchState,
  ): Promise<FactTicket | null> {
    const { calls } = state;
    const queued = tx.events.length;
    await tx.sql.query('SAVEPOINT rule_run');
    try {
      const outcomes: ActionOutcome[] = await this.actions.apply(tx, ticket, rule.actions, rule);
      const runId = await logRun(tx.sql, rule, ticket.id, event, key, depth, 'applied', null, outcomes);
      for (const o of outcomes)
        if (o.webhook && runId)
          calls.push({
            runId,
            url: o.webhook.url,
            secret: rule.webhook_secret,
            body: { rule: { id: rule.id, name: rule.name }, event, ticketId: ticket.id },
          });
      await tx.sql.query('RELEASE SAVEPOINT rule_run');
      // Events this rule made carry the depth, so the rules they trigger know how deep they are.
      const made = tx.events.slice(queued).map((e) => e.outboxId);
      if (made.length) state.made.set(depth + 1, [...(state.made.get(depth + 1) ?? []), ...made]);
      return BatchFacts.lock(tx.sql, ticket.id);
    } catch (err) {
      await tx.sql.query('ROLLBACK TO SAVEPOINT rule_run');
      tx.events.length = queued;
      const reason = (err as Error).message;
      this.logger.warn(`rule ${rule.id} failed on ${event} of ticket ${ticket.id}: ${reason}`);
      await logRun(tx.sql, rule, ticket.id, event, key, depth, 'failed', reason, []);
      return null;
    }
  }
}

/** Writes the run; null when this rule already ran for this key (a replay after a lost commit cannot get here, but a second node might). */
export async function logRun(
  sql: Sql,
  rule: { id: string },
  ticketId: string | null,
  event: string,
  key: string,
  depth: number,
  outcome: 'applied' | 'skipped' | 'failed',
  reason: string | null,
  actions: unknown[],
): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO rule_runs (rule_id, ticket_id, event, run_key, depth, outcome, reason, actions)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (rule_id, run_key) DO NOTHING RETURNING id`,
    [rule.id, ticketId, event, key, depth, outcome, reason, JSON.stringify(actions)],
  );
  return row ? String(row.id) : null;
}

async function markDepths(sql: Sql, made: Map<number, string[]>): Promise<void> {
  for (const [depth, ids] of made)
    await sql.query(
      `UPDATE outbox_events SET payload = payload || jsonb_build_object('ruleDepth', $2::int) WHERE id = ANY($1::bigint[])`,
      [ids, depth],
    );
}

async function appliedLastHour(sql: Sql, ticketIds: string[]): Promise<Map<string, number>> {
  const rows = await sql.query<{ ticket_id: string; n: number }>(
    `SELECT ticket_id, count(*)::int AS n FROM rule_runs
      WHERE ticket_id = ANY($1::uuid[]) AND outcome = 'applied' AND created_at > now() - interval '1 hour'
      GROUP BY ticket_id`,
    [ticketIds],
  );
  return new Map(rows.map((r) => [r.ticket_id, r.n]));
}

async function lastSeen(sql: Sql, ticketIds: string[]): Promise<Map<string, Partial<RuleFacts>>> {
  const rows = await sql.query<{ ticket_id: string; facts: Partial<RuleFacts> }>(
    `SELECT ticket_id, facts FROM rule_ticket_facts WHERE ticket_id = ANY($1::uuid[])`,
    [ticketIds],
  );
  return new Map(rows.map((r) => [r.ticket_id, r.facts]));
}

/** The fields `changed*` conditions compare, as a ticket row holds them. */
function changeFacts(ticket: FactTicket): Partial<RuleFacts> {
  return {
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assignee_id,
    teamId: ticket.team_id,
    tags: ticket.tags,
  };
}

/** Stores what the batch saw of each ticket, one statement. */
async function remember(sql: Sql, seen: Map<string, Partial<RuleFacts>>): Promise<void> {
  if (seen.size === 0) return;
  await sql.query(
    `INSERT INTO rule_ticket_facts (ticket_id, facts)
     SELECT * FROM unnest($1::uuid[], $2::jsonb[])
     ON CONFLICT (ticket_id) DO UPDATE SET facts = EXCLUDED.facts`,
    [[...seen.keys()], [...seen.values()].map((f) => JSON.stringify(f))],
  );
}
