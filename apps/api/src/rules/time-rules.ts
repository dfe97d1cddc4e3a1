import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { RuleTimeSince } from '@switchboard/contracts';
import { matchesConditions, subtractBusinessTime, type BusinessCalendar } from '@switchboard/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Db } from '../common/db.js';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { TICKET_COLUMNS, TICKET_FROM } from '../tickets/ticket-rows.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { FailureBackoff } from '../workers/failure-backoff.js';
import { logRun } from './event-rules.js';
import { RuleActions } from './rule-actions.js';
import { BatchFacts, type FactTicket } from './rule-event-facts.js';
import { activeRules, type RuleRow } from './rule-store.js';
import { RuleWebhooks, type WebhookCall } from './rule-webhooks.js';

/** Tickets one rule handles per sweep at most; the rest come in the next sweep. */
const SWEEP_LIMIT = 200;

/**
 * The moment each "hours since" counts from, and the tickets it applies to. Each pair matches
 * a partial index of the migration, so a sweep reads the tickets that are due, not every open one.
 */
const ANCHORS: Record<RuleTimeSince, { at: string; where: string }> = {
  created: { at: 't.created_at', where: `t.status NOT IN ('solved', 'closed')` },
  last_customer_message: {
    at: 't.last_customer_message_at',
    where: `t.status NOT IN ('solved', 'closed') AND t.last_customer_message_at IS NOT NULL`,
  },
  last_agent_reply: {
    at: 't.last_agent_reply_at',
    where: `t.status NOT IN ('solved', 'closed') AND t.last_agent_reply_at IS NOT NULL`,
  },
  pending: { at: 't.status_changed_at', where: `t.status = 'pending' AND t.status_changed_at IS NOT NULL` },
  solved: { at: 't.solved_at', where: `t.status = 'solved' AND t.solved_at IS NOT NULL` },
};

/**
 * Time rules: a sweeper on worker nodes. A rule fires at most once per ticket and period: the
 * period is the moment it counts from (a ticket solved again counts again), and the run row
 * with key `time:<ticket>:<moment>` is the marker, written in the transaction of the actions.
 * Tickets are claimed with `FOR UPDATE SKIP LOCKED`, so several nodes share a sweep and none
 * waits on a ticket an agent is changing.
 */
@Injectable()
export class TimeRules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimeRules');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private readonly backoff: FailureBackoff;

  constructor(
    private readonly db: Db,
    private readonly writer: TicketWriter,
    private readonly actions: RuleActions,
    private readonly webhooks: RuleWebhooks,
    private readonly sla: SlaClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.backoff = new FailureBackoff('time rules sweep', config.timeRulesSweepMs, this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    this.schedule(this.config.timeRulesSweepMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then(() => this.schedule(this.backoff.succeeded()))
        .catch((err: unknown) => this.schedule(this.backoff.failed(err)));
    }, ms);
  }

  /** One sweep of every active time rule; the number of runs it applied. */
  async sweep(): Promise<number> {
    let applied = 0;
    for (const rule of await activeRules(this.db, 'time')) applied += await this.sweepRule(rule);
    return applied;
  }

  private async sweepRule(rule: RuleRow): Promise<number> {
    const time = rule.time_condition;
    if (!time) return 0;
    const anchor = ANCHORS[time.since];
    const calls: WebhookCall[] = [];
    const applied = await this.writer.transaction(async (tx) => {
      const now = this.sla.now();
      const { latest, perPolicy } = await this.cutoffs(tx.sql, time, now);
      // The index range reads tickets older than the latest cutoff; a ticket whose calendar has
      // an earlier one is passed over in the same statement, so it never fills the batch.
      const due = await tx.sql.query<FactTicket & { run_key: string }>(
        `SELECT ${TICKET_COLUMNS}, c.tags AS contact_tags,
                'time:' || t.id || ':' || extract(epoch FROM ${anchor.at})::text AS run_key
           FROM ${TICKET_FROM}
          WHERE ${anchor.where} AND ${anchor.at} <= $2::timestamptz AND t.spam_at IS NULL -- spam gets no reaction
            AND ${anchor.at} <= coalesce((SELECT p.cutoff FROM unnest($4::uuid[], $5::timestamptz[]) AS p(policy_id, cutoff)
                                           WHERE p.policy_id = t.sla_policy_id), $6::timestamptz)
            AND NOT EXISTS (SELECT 1 FROM rule_runs r WHERE r.rule_id = $1
                             AND r.run_key = 'time:' || t.id || ':' || extract(epoch FROM ${anchor.at})::text)
          ORDER BY ${anchor.at} LIMIT $3
          FOR UPDATE OF t SKIP LOCKED`,
        [rule.id, latest, SWEEP_LIMIT, [...perPolicy.keys()], [...perPolicy.values()], perPolicy.default],
      );
      if (due.length === 0) return 0;
      const calendarOf = await this.sla.calendarOf(tx.sql);
      const event = `time.${time.since}`;
      const noEvents: OutboxEvent[] = due.map((t) => ({
        id: '0',
        topic: event,
        ticketId: t.id,
        body: { payload: {} },
      }));
      const facts = await BatchFacts.load(tx.sql, noEvents, calendarOf, now);
      let n = 0;
      for (const [i, ticket] of due.entries())
        if (await this.runOn(tx, rule, ticket, facts, noEvents[i], calls)) n++;
      return n;
    });
    for (const call of calls) this.webhooks.send(call);
    if (applied) this.logger.debug(`time rule ${rule.id}: ${applied} ticket(s)`);
    return applied;
  }

  /**
   * The moment before which a ticket is due: `hours` before now in calendar hours, or in
   * business hours of each SLA policy's calendar (tickets without one count around the clock).
   */
  private async cutoffs(
    sql: TicketTx['sql'],
    time: NonNullable<RuleRow['time_condition']>,
    now: Date,
  ): Promise<{ latest: Date; perPolicy: Map<string, Date> & { default: Date } }> {
    const ms = time.hours * 3_600_000;
    const calendarTime = new Date(now.getTime() - ms);
    const perPolicy = Object.assign(new Map<string, Date>(), { default: calendarTime });
    if (!time.businessHours) return { latest: calendarTime, perPolicy };
    const calendarOf = await this.sla.calendarOf(sql);
    const policies = await sql.query<{ id: string }>(`SELECT id FROM sla_policies`);
    const byCalendar = new Map<BusinessCalendar, Date>();
    for (const { id } of policies) {
      const calendar = calendarOf({ sla_policy_id: id });
      if (!calendar) continue;
      let cutoff = byCalendar.get(calendar);
      if (!cutoff) byCalendar.set(calendar, (cutoff = subtractBusinessTime(calendar, now, ms)));
      perPolicy.set(id, cutoff);
    }
    // Business time never runs faster than the clock: no cutoff is later than the calendar one.
    return { latest: calendarTime, perPolicy };
  }

  /** The rule on one due ticket under a savepoint; true when its actions applied. */
  private async runOn(
    tx: TicketTx,
    rule: RuleRow,
    ticket: FactTicket & { run_key: string },
    facts: BatchFacts,
    noEvent: OutboxEvent,
    calls: WebhookCall[],
  ): Promise<boolean> {
    const event = noEvent.topic;
    if (!matchesConditions(rule.conditions, facts.of(ticket, noEvent), null)) return false;
    const queued = tx.events.length;
    await tx.sql.query('SAVEPOINT time_rule');
    try {
      const outcomes = await this.actions.apply(tx, ticket, rule.actions, rule);
      const made = tx.events.slice(queued).map((e) => e.outboxId);
      if (made.length)
        await tx.sql.query(
          `UPDATE outbox_events SET payload = payload || '{"ruleDepth": 1}'::jsonb WHERE id = ANY($1::bigint[])`,
          [made],
        );
      const runId = await logRun(
        tx.sql,
        rule,
        ticket.id,
        event,
        ticket.run_key,
        0,
        'applied',
        null,
        outcomes,
      );
      for (const o of outcomes)
        if (o.webhook && runId)
          calls.push({
            runId,
            url: o.webhook.url,
            secret: rule.webhook_secret,
            body: { rule: { id: rule.id, name: rule.name }, event, ticketId: ticket.id },
          });
      await tx.sql.query('RELEASE SAVEPOINT time_rule');
      return true;
    } catch (err) {
      await tx.sql.query('ROLLBACK TO SAVEPOINT time_rule');
      tx.events.length = queued;
      const reason = (err as Error).message;
      this.logger.warn(`time rule ${rule.id} failed on ticket ${ticket.id}: ${reason}`);
      // The marker is written for the failure too: the period is not retried every sweep.
      await logRun(tx.sql, rule, ticket.id, event, ticket.run_key, 0, 'failed', reason, []);
      return false;
    }
  }
}
