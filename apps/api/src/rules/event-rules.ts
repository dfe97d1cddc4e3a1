import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { matchesConditions, type RuleFacts } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import type { OutboxConsumer, OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { RuleActions, type ActionOutcome } from './rule-actions.js';
import { depthOf, factsOf, ruleEventOf } from './rule-event-facts.js';
import { activeRules, type RuleRow } from './rule-store.js';
import { RuleWebhooks, type WebhookCall } from './rule-webhooks.js';

/** Rule-made events deeper than this run no rules: rules that trigger each other stop. */
export const RULE_DEPTH_LIMIT = 3;
/** Rule runs that changed one ticket within an hour, after which its rules are skipped. */
export const RULE_RUNS_PER_TICKET_HOUR = 50;

/**
 * Event rules, as an outbox consumer: each committed ticket event runs the active rules that
 * listen to it, in order, each at most once. Everything a rule does is written in the consumer's
 * transaction (through the ticket writer) together with its run row and the cursor, so a crash
 * replays the batch and a commit never does. Each rule runs under a savepoint: one that fails is
 * rolled back alone, logged with its reason and skipped, and the others still run.
 */
@Injectable()
export class EventRules implements OutboxConsumer, OnModuleInit {
  readonly name = 'event-rules';
  readonly topics = ['ticket.created', 'message.created', 'ticket.updated', 'sla.warning', 'sla.breached'];
  readonly batchSize = 200;
  private readonly logger = new Logger('EventRules');

  constructor(
    private readonly consumers: OutboxConsumers,
    private readonly writer: TicketWriter,
    private readonly actions: RuleActions,
    private readonly webhooks: RuleWebhooks,
  ) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  async handle(sql: Sql, events: OutboxEvent[]): Promise<() => void> {
    const rules = await activeRules(sql, 'event');
    const tx = this.writer.join(sql);
    const calls: WebhookCall[] = [];
    if (rules.length) {
      const tracksChanges = rules.some((r) => r.events.includes('ticket.updated'));
      for (const event of events) await this.runEvent(tx, rules, event, tracksChanges, calls);
    }
    return () => {
      this.writer.afterCommit(tx);
      for (const call of calls) this.webhooks.send(call);
    };
  }

  private async runEvent(
    tx: TicketTx,
    rules: RuleRow[],
    event: OutboxEvent,
    tracksChanges: boolean,
    calls: WebhookCall[],
  ): Promise<void> {
    const name = ruleEventOf(event);
    if (!name || !event.ticketId) return;
    const listening = rules.filter((r) => r.events.includes(name));
    if (!listening.length && !tracksChanges) return;
    const depth = depthOf(event);
    let ticket = await tx.lock(event.ticketId);
    if (!ticket) return;
    const before = tracksChanges && name === 'ticket.updated' ? await lastSeen(tx.sql, ticket.id) : null;
    let facts = listening.length ? await factsOf(tx.sql, ticket, event) : null;
    let recentRuns: number | null = null; // read once per event, when a rule first matches
    for (const rule of listening) {
      if (!facts) break;
      if (!matchesConditions(rule.conditions, facts, before)) continue;
      const key = `outbox:${event.id}`;
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
      recentRuns ??= await appliedLastHour(tx.sql, ticket.id);
      if (recentRuns >= RULE_RUNS_PER_TICKET_HOUR) {
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
      const after = await this.runRule(tx, rule, ticket, name, key, depth, calls);
      if (after) {
        recentRuns++;
        // The next rules see what this one changed.
        ticket = after;
        facts = await factsOf(tx.sql, ticket, event);
      }
    }
    if (tracksChanges) await remember(tx.sql, (await tx.lock(event.ticketId)) ?? ticket);
  }

  /** One rule on one event under a savepoint; the ticket as it left it (null when it failed). */
  private async runRule(
    tx: TicketTx,
    rule: RuleRow,
    ticket: Awaited<ReturnType<TicketTx['lock']>> & object,
    event: string,
    key: string,
    depth: number,
    calls: WebhookCall[],
  ) {
    const queued = tx.events.length;
    await tx.sql.query('SAVEPOINT rule_run');
    try {
      const outcomes: ActionOutcome[] = await this.actions.apply(tx, ticket, rule.actions, rule);
      // Events this rule made carry the depth, so the rules they trigger know how deep they are.
      const made = tx.events.slice(queued).map((e) => e.outboxId);
      if (made.length)
        await tx.sql.query(
          `UPDATE outbox_events SET payload = payload || jsonb_build_object('ruleDepth', $2::int) WHERE id = ANY($1::bigint[])`,
          [made, depth + 1],
        );
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
      return tx.lock(ticket.id);
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

async function appliedLastHour(sql: Sql, ticketId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM rule_runs WHERE ticket_id = $1 AND outcome = 'applied' AND created_at > now() - interval '1 hour'`,
    [ticketId],
  );
  return row.n;
}

async function lastSeen(sql: Sql, ticketId: string): Promise<Partial<RuleFacts> | null> {
  const [row] = await sql.query<{ facts: Partial<RuleFacts> }>(
    `SELECT facts FROM rule_ticket_facts WHERE ticket_id = $1`,
    [ticketId],
  );
  return row?.facts ?? null;
}

async function remember(
  sql: Sql,
  ticket: {
    id: string;
    status: string;
    priority: string;
    assignee_id: string | null;
    team_id: string | null;
    tags: string[];
  },
): Promise<void> {
  const facts: Partial<RuleFacts> = {
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assignee_id,
    teamId: ticket.team_id,
    tags: ticket.tags,
  };
  await sql.query(
    `INSERT INTO rule_ticket_facts (ticket_id, facts) VALUES ($1, $2) ON CONFLICT (ticket_id) DO UPDATE SET facts = EXCLUDED.facts`,
    [ticket.id, JSON.stringify(facts)],
  );
}
