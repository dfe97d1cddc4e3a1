import { Injectable } from '@nestjs/common';
import type { AgentEventName, AgentServerEvents, EscalationStep } from '@switchboard/contracts';
import {
  clockEntriesFor,
  clockStatuses,
  deriveClockState,
  PRIORITIES,
  selectPolicy,
  SLA_METRICS,
  sweepEntries,
  targetMs,
  withNotices,
  type BusinessCalendar,
  type ClockEntry,
  type ClockPolicy,
  type ClockState,
  type Priority,
  type SelectablePolicy,
  type SlaClockSettings,
  type SlaMetric,
  type TicketHappening,
  type TicketScope,
  type TicketStatus,
} from '@switchboard/domain';
import type { SlaPolicyRow } from './sla-policy-row.js';
import type { Sql } from '../common/db.js';
import { TicketEventBus, type PendingEvent } from '../events/ticket-event-bus.js';
import {
  appendTicketEvent,
  BUMP_SEQ,
  ticketEventsInsertSql,
  type TimelineEvent,
} from '../tickets/ticket-writer.js';

/** What the lifecycle tells the clocks; the service stamps each with its clock's `now`. */
export type SlaHappening =
  | { type: 'ticket_created'; status?: TicketStatus }
  | { type: 'customer_message'; ticketStatus: TicketStatus; solvedAt?: Date | null }
  | { type: 'agent_reply' }
  | { type: 'status_changed'; from: TicketStatus; to: TicketStatus };

/** A status change as a happening, or nothing when the status stayed. */
export function statusChange(from: TicketStatus, to: TicketStatus): SlaHappening[] {
  return from === to ? [] : [{ type: 'status_changed', from, to }];
}

/** What an inbound message means for the clocks: a new ticket, or a status change and a customer message. */
export function inboundHappenings(
  before: { status: TicketStatus; solved_at: Date | null } | null,
  after: TicketStatus,
): SlaHappening[] {
  if (!before) return [{ type: 'ticket_created', status: after }];
  const wasDone = before.status === 'solved' || before.status === 'closed';
  return [
    ...statusChange(before.status, after),
    { type: 'customer_message', ticketStatus: after, solvedAt: wasDone ? before.solved_at : null },
  ];
}

export interface SlaPolicyRecord extends SelectablePolicy {
  id: string;
  name: string;
  calendar: BusinessCalendar | null;
  settings: SlaClockSettings;
  clock: ClockPolicy;
  escalations: EscalationStep[];
}

/** The ticket columns the clocks read (a subset of every ticket row). */
export interface SlaTicketFacts {
  id: string;
  number: string | number;
  subject: string;
  status: TicketStatus;
  priority: string;
  channel: string;
  team_id: string | null;
  assignee_id: string | null;
  tags: string[];
  seq: string | number;
  sla_policy_id?: string | null;
  custom_fields?: Record<string, unknown> | null;
}

/**
 * Derived SLA columns on `tickets`: what changes only with a ticket change or a policy change
 * (due, at-risk, paused and achieved instants), never merely because time passed.
 */
export const SLA_TICKET_COLUMNS = [
  'first_response_due_at',
  'first_response_at_risk_at',
  'first_response_paused_since',
  'first_response_achieved_at',
  'next_response_due_at',
  'next_response_at_risk_at',
  'next_response_paused_since',
  'next_response_achieved_at',
  'resolution_due_at',
  'resolution_at_risk_at',
  'resolution_paused_since',
  'resolution_achieved_at',
  'sla_due_at',
  'sla_at_risk_at',
] as const;
/**
 * Derived SLA state in the narrow `ticket_sla_state` (migration 1764000600000): what the sweeper
 * writes as time passes (breaches, the next check), so a sweep never rewrites the wide, heavily
 * indexed ticket row. Keys are the names the ticket row and its view use; values the columns.
 */
export const SLA_STATE_COLUMNS = {
  first_response_breached_at: 'first_response_breached_at',
  next_response_breached_at: 'next_response_breached_at',
  resolution_breached_at: 'resolution_breached_at',
  sla_breached_at: 'breached_at',
  sla_next_check_at: 'next_check_at',
} as const;
type StateKey = keyof typeof SLA_STATE_COLUMNS;
const STATE_KEYS = Object.keys(SLA_STATE_COLUMNS) as StateKey[];
export const SLA_DERIVED_COLUMNS = [...SLA_TICKET_COLUMNS, ...STATE_KEYS] as const;
export type SlaDerivedColumn = (typeof SLA_DERIVED_COLUMNS)[number];
type Derived = Record<SlaDerivedColumn, Date | null>;

const NO_POLICY_CLOCK: ClockPolicy = {
  pauseOnHold: false,
  restartOnCustomerAfterSolve: false,
  customerAfterSolveGraceMs: 600_000,
};
const NO_TARGETS: SlaClockSettings = { targets: {} };
const SWEEP_COLUMNS = [
  't.id, t.number, t.subject, t.status, t.priority, t.channel, t.team_id, t.assignee_id, t.tags, t.seq, t.sla_policy_id, t.custom_fields',
  ...SLA_TICKET_COLUMNS.map((c) => `t.${c}`),
  ...STATE_KEYS.map((k) => `s.${SLA_STATE_COLUMNS[k]} AS ${k}`),
].join(', ');
const sameInstant = (a: Date | string | null | undefined, b: Date | null) =>
  (a ? (a instanceof Date ? a.getTime() : Date.parse(a)) : null) === (b ? b.getTime() : null);
// Column names per metric and an all-null row, built once: the sweep derives a thousand tickets at
// a time, and keys built per ticket (`${m}_due_at`) cost more than the clock arithmetic.
const METRIC_COLUMNS = SLA_METRICS.map(
  (metric) =>
    ({
      metric,
      due: `${metric}_due_at`,
      atRisk: `${metric}_at_risk_at`,
      paused: `${metric}_paused_since`,
      achieved: `${metric}_achieved_at`,
      breached: `${metric}_breached_at`,
    }) as const,
);
const NO_DERIVED = Object.fromEntries(SLA_DERIVED_COLUMNS.map((c) => [c, null])) as Derived;

const minDate = (dates: Array<Date | null | undefined>): Date | null =>
  dates.reduce<Date | null>((min, d) => (d && (!min || d.getTime() < min.getTime()) ? d : min), null);
const running = (s: ClockState[SlaMetric]) => s.status === 'running' || s.status === 'breached';
const cycleKey = (metric: SlaMetric, startedAt: Date | null) =>
  `${metric}@${startedAt?.toISOString() ?? '-'}`;

interface DueStep {
  index: number;
  step: EscalationStep;
  metric: SlaMetric;
  cycle: string;
}

interface Evaluation {
  facts: SlaTicketFacts;
  policy: SlaPolicyRecord | null;
  added: ClockEntry[];
  state: ClockState;
  derived: Derived;
  notices: ClockEntry[];
  steps: DueStep[];
}

export interface SweepResult {
  claimed: number;
  warnings: number;
  breaches: number;
  escalations: number;
}

/**
 * The SLA clocks inside the ticket lifecycle. `apply` is the one extension point the lifecycle
 * calls, in the transaction of the change: it re-selects the policy from the ticket's facts,
 * appends the ledger entries the happenings imply, and stores the state derived from the whole
 * ledger on the ticket row (and on the row object, so the caller's events carry it).
 * `sweep` is the worker side: warnings, breaches and escalation steps once per metric and cycle.
 */
const POLICY_CACHE_MS = 1_000;

@Injectable()
export class SlaClockService {
  /** The clock the engine reads; tests replace it to replay a Friday 17:55 in Berlin. */
  now: () => Date = () => new Date();
  private readonly calendarCache = new Map<string, BusinessCalendar>();
  private policyCache: { at: number; policies: Map<string, SlaPolicyRecord> } | null = null;

  constructor(private readonly bus: TicketEventBus) {}

  async apply<T extends SlaTicketFacts>(sql: Sql, ticket: T, happenings: SlaHappening[]): Promise<T> {
    await this.applyMany(sql, [{ ticket, happenings }]);
    return ticket;
  }

  /**
   * `apply` for several tickets of one transaction (a batch of inbound mail) in as many
   * statements as for one: each ticket's clocks are its own, only the round trips are shared.
   */
  async applyMany(sql: Sql, changes: Array<{ ticket: SlaTicketFacts; happenings: SlaHappening[] }>) {
    const now = this.now();
    const policies = await this.policiesForLifecycle(sql);
    // No policy exists and none was ever selected: no clock can run, so ingest pays nothing more.
    const live = changes.filter(({ ticket }) => policies.size > 0 || ticket.sla_policy_id);
    if (live.length === 0) return;
    const ids = live.map(({ ticket }) => ticket.id);
    const [ledgers, stored] = await Promise.all([
      this.loadLedgers(sql, ids),
      // A row read with the ticket's columns carries its stored policy, null included; only
      // facts without the column are looked up (a just-inserted ticket costs no query).
      this.currentPolicyIds(
        sql,
        live.filter(({ ticket }) => ticket.sla_policy_id === undefined).map(({ ticket }) => ticket.id),
      ),
    ]);
    const evaluations = live.map(({ ticket, happenings }) =>
      this.evaluate(
        { ...ticket, sla_policy_id: ticket.sla_policy_id ?? stored.get(ticket.id) ?? null },
        ledgers.get(ticket.id) ?? [],
        policies,
        new Set(),
        now,
        happenings,
        false,
      ),
    );
    await this.writeTicketColumns(sql, evaluations, false);
    await this.writeClocks(sql, {
      entries: evaluations,
      states: evaluations,
      timeline: evaluations
        .filter((ev) => measuredEntries(ev).length)
        .map((ev) => timelineRow(ev, Number(ev.facts.seq))),
      events: [],
    });
    evaluations.forEach((ev, i) =>
      Object.assign(live[i].ticket, ev.derived, {
        sla_policy_id: ev.policy?.id ?? null,
        sla_paused_since: minDate(SLA_METRICS.map((m) => ev.derived[`${m}_paused_since`])),
      }),
    );
  }

  /**
   * Claims tickets whose next check is due (partial index, SKIP LOCKED so several nodes share the
   * work), appends warn/breach entries, runs due escalation steps, and publishes after commit.
   */
  async sweep(db: { tx<R>(work: (sql: Sql) => Promise<R>): Promise<R> }, limit = 1000): Promise<SweepResult> {
    const pending: PendingEvent[] = [];
    const now = this.now();
    // An index probe outside any transaction: the common sweep finds nothing and costs one lookup.
    if ('query' in db) {
      const due = await (db as unknown as Sql).query(
        `SELECT 1 FROM ticket_sla_state WHERE next_check_at <= $1 LIMIT 1`,
        [now],
      );
      if (due.length === 0) return { claimed: 0, warnings: 0, breaches: 0, escalations: 0 };
    }
    const result = await db.tx(async (sql) => {
      // The commit stays synchronous, though a lost sweep would be recomputed: with an unflushed
      // commit, a PostgreSQL crash could hand out the same outbox ids again, and the relay would
      // mark a new event published that never went out. Nothing lost beats ~10 ms.
      // Tickets locked too: a concurrent change to a ticket waits for its sweep, and the other way round.
      // Locking only the state rows would save no ticket-page writes: the foreign-key checks of the
      // ledger and timeline inserts lock the same ticket rows (FOR KEY SHARE) anyway.
      const rows = await sql.query<SlaTicketFacts & Partial<Derived>>(
        `SELECT ${SWEEP_COLUMNS} FROM ticket_sla_state s JOIN tickets t ON t.id = s.ticket_id
          WHERE s.next_check_at <= $1 ORDER BY s.next_check_at LIMIT $2 FOR UPDATE OF s, t SKIP LOCKED`,
        [now, limit],
      );
      const out: SweepResult = { claimed: rows.length, warnings: 0, breaches: 0, escalations: 0 };
      if (rows.length === 0) return out;
      const ids = rows.map((r) => r.id);
      // The ledger is read by a statement of its own, after the lock: a lifecycle change committed
      // after the claim's snapshot hands the claim its new row version, and only a fresh snapshot
      // also sees the entries it appended (so the claim cannot carry the ledger along).
      const policies = await this.loadPolicies(sql);
      const [ledgers, runs] = await Promise.all([
        this.loadLedgers(sql, ids),
        [...policies.values()].some((p) => p.escalations.length)
          ? this.loadRuns(sql, ids)
          : Promise.resolve(new Map<string, Set<string>>()),
      ]);
      const evaluations = rows.map((row) =>
        this.evaluate(row, ledgers.get(row.id) ?? [], policies, runs.get(row.id) ?? new Set(), now, [], true),
      );
      const changed = evaluations.filter((e) => e.added.length || e.steps.length);
      for (const ev of changed) {
        for (const step of ev.steps) if (await this.runStep(sql, ev, step, pending)) out.escalations++;
        if (ev.steps.length) ev.derived.sla_next_check_at = now; // a raised priority or new team may select another policy
      }
      // The wide ticket row changes only where its own columns did (a policy re-selected, an
      // escalation step ran); a warning or a breach alone writes the narrow state row.
      const ticketChanged = evaluations.filter(
        (ev, i) =>
          ev.steps.length ||
          (ev.policy?.id ?? null) !== (rows[i].sla_policy_id ?? null) ||
          SLA_TICKET_COLUMNS.some((c) => !sameInstant(rows[i][c], ev.derived[c])),
      );
      const seqs = await this.writeTicketColumns(sql, ticketChanged, true);
      const states = evaluations.filter((ev, i) =>
        STATE_KEYS.some((k) => !sameInstant(rows[i][k], ev.derived[k])),
      );
      const events: OutboxRow[] = [];
      const timeline: TimelineRow[] = [];
      for (const ev of changed) {
        const seq = seqs.get(ev.facts.id) ?? Number(ev.facts.seq);
        const audience = { teamId: ev.facts.team_id, assigneeId: ev.facts.assignee_id };
        if (measuredEntries(ev).length) timeline.push(timelineRow(ev, seq));
        for (const notice of ev.notices) {
          const breach = notice.action === 'breach';
          if (breach) out.breaches++;
          else out.warnings++;
          const dueAt = (ev.state[notice.metric].dueAt ?? now).toISOString();
          events.push({
            ticketId: ev.facts.id,
            name: breach ? 'sla.breached' : 'sla.warning',
            payload: { ticketId: ev.facts.id, seq, metric: notice.metric, dueAt },
            audience,
          });
        }
      }
      pending.push(...(await this.writeClocks(sql, { entries: evaluations, states, timeline, events })));
      return out;
    });
    this.bus.publish(pending);
    return result;
  }

  /** The earliest instant any ticket needs a look (index-only), so the sweeper can wake right then. */
  async nextCheckAt(sql: Sql): Promise<Date | null> {
    const [row] = await sql.query<{ at: Date | null }>(
      `SELECT min(next_check_at) AS at FROM ticket_sla_state WHERE next_check_at IS NOT NULL`,
    );
    return row?.at ? new Date(row.at) : null;
  }

  /** Policies with their calendars; all of them, since the previous policy may be inactive now. */
  /**
   * Policies for the ticket lifecycle (every inbound message and agent action), cached for a
   * second: this node's admin changes clear it at once, other nodes see them within the second.
   * The sweeper reads them fresh.
   */
  private async policiesForLifecycle(sql: Sql): Promise<Map<string, SlaPolicyRecord>> {
    const cached = this.policyCache;
    if (cached && Date.now() - cached.at < POLICY_CACHE_MS) return cached.policies;
    const policies = await this.loadPolicies(sql);
    this.policyCache = { at: Date.now(), policies };
    return policies;
  }

  /**
   * The business calendar of a ticket (its SLA policy's), for rules that count business hours or
   * ask whether it is business time now; null (around the clock) without a policy or calendar.
   */
  async calendarOf(
    sql: Sql,
  ): Promise<(ticket: { sla_policy_id?: string | null }) => BusinessCalendar | null> {
    const policies = await this.policiesForLifecycle(sql);
    return (ticket) => (ticket.sla_policy_id ? (policies.get(ticket.sla_policy_id)?.calendar ?? null) : null);
  }

  /** Called after an admin changes a policy or calendar. */
  invalidatePolicies(): void {
    this.policyCache = null;
  }

  async loadPolicies(sql: Sql): Promise<Map<string, SlaPolicyRecord>> {
    const rows = await sql.query<PolicyRow>(
      `SELECT p.*, c.time_zone, c.hours, c.holidays, c.updated_at AS calendar_updated_at
         FROM sla_policies p LEFT JOIN business_calendars c ON c.id = p.calendar_id`,
    );
    return new Map(rows.map((r) => [r.id, this.toPolicy(r)]));
  }

  private toPolicy(r: PolicyRow): SlaPolicyRecord {
    let calendar: BusinessCalendar | null = null;
    if (r.calendar_id && r.time_zone) {
      // One object per calendar version: the domain caches compiled calendars per object.
      const key = `${r.calendar_id}@${new Date(r.calendar_updated_at!).getTime()}`;
      calendar = this.calendarCache.get(key) ?? {
        timeZone: r.time_zone,
        hours: r.hours!,
        holidays: r.holidays ?? [],
      };
      this.calendarCache.set(key, calendar);
    }
    return {
      id: r.id,
      name: r.name,
      order: r.sort_order,
      active: r.active,
      conditions: r.conditions ?? {},
      calendar,
      settings: {
        targets: {
          firstResponseSeconds: r.first_response_seconds,
          nextResponseSeconds: r.next_response_seconds,
          resolutionSeconds: r.resolution_seconds,
        },
        atRiskShare: r.at_risk_share,
      },
      clock: {
        pauseOnHold: r.pause_on_hold,
        restartOnCustomerAfterSolve: r.restart_on_customer_after_solve,
        customerAfterSolveGraceMs: r.customer_after_solve_grace_seconds * 1000,
      },
      escalations: r.escalations ?? [],
    };
  }

  private async currentPolicyIds(sql: Sql, ticketIds: string[]): Promise<Map<string, string | null>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await sql.query<{ id: string; sla_policy_id: string | null }>(
      `SELECT id, sla_policy_id FROM tickets WHERE id = ANY($1::uuid[])`,
      [ticketIds],
    );
    return new Map(rows.map((r) => [r.id, r.sla_policy_id]));
  }

  private async loadLedgers(sql: Sql, ids: string[]): Promise<Map<string, ClockEntry[]>> {
    const rows = await sql.query<{
      ticket_id: string;
      metric: SlaMetric;
      action: ClockEntry['action'];
      reason: string;
      at: Date;
    }>(
      `SELECT ticket_id, metric, action, reason, at FROM sla_clock_entries WHERE ticket_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
    const out = new Map<string, ClockEntry[]>();
    for (const r of rows) {
      const list = out.get(r.ticket_id) ?? [];
      list.push({ at: new Date(r.at), metric: r.metric, action: r.action, reason: r.reason });
      out.set(r.ticket_id, list);
    }
    return out;
  }

  private async loadRuns(sql: Sql, ids: string[]): Promise<Map<string, Set<string>>> {
    const rows = await sql.query<{
      ticket_id: string;
      policy_id: string;
      step_index: number;
      cycle_key: string;
    }>(
      `SELECT ticket_id, policy_id, step_index, cycle_key FROM sla_escalation_runs WHERE ticket_id = ANY($1::uuid[])`,
      [ids],
    );
    const out = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = out.get(r.ticket_id) ?? new Set<string>();
      set.add(`${r.policy_id}|${r.step_index}|${r.cycle_key}`);
      out.set(r.ticket_id, set);
    }
    return out;
  }

  private evaluate(
    facts: SlaTicketFacts,
    ledger: ClockEntry[],
    policies: Map<string, SlaPolicyRecord>,
    runsDone: Set<string>,
    now: Date,
    happenings: SlaHappening[],
    sweep: boolean,
  ): Evaluation {
    const previous = facts.sla_policy_id ? (policies.get(facts.sla_policy_id) ?? null) : null;
    const policy = selectPolicy(policyList(policies), {
      priority: facts.priority,
      channel: facts.channel,
      teamId: facts.team_id,
      tags: facts.tags ?? [],
      customFields: facts.custom_fields ?? {},
    });
    const clock = policy?.clock ?? NO_POLICY_CLOCK;
    const added: ClockEntry[] = [];
    const statuses = () => clockStatuses([...ledger, ...added]);
    if ((policy?.id ?? null) !== (previous?.id ?? null)) {
      const before = happenings.find((h) => h.type === 'status_changed');
      const ticketStatus = before?.type === 'status_changed' ? before.from : facts.status;
      added.push(
        ...clockEntriesFor(
          { type: 'policy_changed', at: now, ticketStatus, previous: previous?.clock ?? null },
          statuses(),
          clock,
        ),
      );
    }
    for (const h of happenings)
      added.push(...clockEntriesFor({ ...h, at: now } as TicketHappening, statuses(), clock));
    const settings = policy?.settings ?? NO_TARGETS;
    let state = deriveClockState(settings, policy?.calendar, [...ledger, ...added], now);
    let notices: ClockEntry[] = [];
    const steps: DueStep[] = [];
    if (sweep && policy) {
      notices = sweepEntries(state, now);
      if (notices.length) {
        added.push(...notices);
        state = withNotices(state, notices);
      }
      for (const { index, step, metric, cycle, at } of this.stepTriggers(policy, state, runsDone)) {
        if (at.getTime() <= now.getTime()) steps.push({ index, step, metric, cycle });
      }
    }
    const done = new Set([...runsDone, ...steps.map((s) => `${policy!.id}|${s.index}|${s.cycle}`)]);
    return { facts, policy, added, state, derived: this.derive(state, policy, done), notices, steps };
  }

  /** Every escalation step of the policy with the instant it becomes due, not yet run this cycle. */
  private stepTriggers(policy: SlaPolicyRecord, state: ClockState, done: Set<string>) {
    const out: Array<{ index: number; step: EscalationStep; metric: SlaMetric; cycle: string; at: Date }> =
      [];
    policy.escalations.forEach((step, index) => {
      for (const metric of SLA_METRICS) {
        const s = state[metric];
        if (!running(s) || s.targetMs === null || (step.metrics && !step.metrics.includes(metric))) continue;
        const cycle = cycleKey(metric, s.startedAt);
        if (done.has(`${policy.id}|${index}|${cycle}`)) continue;
        const base = step.on === 'at_risk' ? s.atRiskAt : s.dueAt;
        if (base)
          out.push({
            index,
            step,
            metric,
            cycle,
            at: new Date(base.getTime() + (step.afterMinutes ?? 0) * 60_000),
          });
      }
    });
    return out;
  }

  private derive(state: ClockState, policy: SlaPolicyRecord | null, done: Set<string>): Derived {
    const d = { ...NO_DERIVED };
    const checks: Array<Date | null> = [];
    for (const { metric, due, atRisk, paused, achieved, breached } of METRIC_COLUMNS) {
      const s = state[metric];
      d[due] = s.dueAt;
      d[atRisk] = s.atRiskAt;
      d[paused] = s.pausedSince;
      d[achieved] = s.achievedAt;
      d[breached] = s.breachedAt;
      if (running(s) && s.targetMs !== null) {
        if (!s.breachedAt && s.atRiskAt && !s.warnedAt) checks.push(s.atRiskAt);
        if (s.dueAt && !s.breachRecordedAt) checks.push(s.dueAt);
      }
    }
    if (policy) checks.push(...this.stepTriggers(policy, state, done).map((t) => t.at));
    const live = SLA_METRICS.map((m) => state[m]).filter(running);
    d.sla_due_at = minDate(live.map((s) => s.dueAt));
    d.sla_at_risk_at = minDate(live.map((s) => s.atRiskAt));
    d.sla_breached_at = minDate(SLA_METRICS.map((m) => state[m].breachedAt));
    d.sla_next_check_at = minDate(checks);
    return d;
  }

  /**
   * Stores the policy and the derived ticket columns for many tickets in one statement. With
   * `bump` (the sweep) each row is a change of the ticket (seq and last activity move) and the new
   * seqs are returned; the lifecycle bumps its own row.
   */
  private async writeTicketColumns(
    sql: Sql,
    evaluations: Evaluation[],
    bump: boolean,
  ): Promise<Map<string, number>> {
    if (evaluations.length === 0) return new Map();
    const sets = SLA_TICKET_COLUMNS.map((c) => `${c} = v.${c}`).join(', ');
    const params: unknown[] = [
      evaluations.map((e) => e.facts.id),
      evaluations.map((e) => e.policy?.id ?? null),
      ...SLA_TICKET_COLUMNS.map((c) => evaluations.map((e) => e.derived[c])),
    ];
    const casts = SLA_TICKET_COLUMNS.map((_, i) => `$${i + 3}::timestamptz[]`).join(', ');
    const rows = await sql.query<{ id: string; seq: string }>(
      `UPDATE tickets t SET sla_policy_id = v.policy_id, ${sets}${bump ? `, ${BUMP_SEQ}` : ''}
         FROM unnest($1::uuid[], $2::uuid[], ${casts}) AS v(id, policy_id, ${SLA_TICKET_COLUMNS.join(', ')})
        WHERE t.id = v.id
        RETURNING t.id, t.seq`,
      params,
    );
    return new Map(rows.map((r) => [r.id, Number(r.seq)]));
  }

  /**
   * The clocks' writes of one change or one sweep as a single statement of data-modifying CTEs
   * (one round trip and one plan instead of four; they touch different tables and read nothing
   * the others write): ledger entries, `ticket_sla_state`, the 'sla_clock' timeline events and the
   * outbox rows, whose ids come back in the events' order.
   */
  private async writeClocks(
    sql: Sql,
    writes: { entries: Evaluation[]; states: Evaluation[]; timeline: TimelineRow[]; events: OutboxRow[] },
  ): Promise<PendingEvent[]> {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const rows = await sql.query<{ id: string }>(
      `WITH ${[...ledgerCtes(bind, writes.entries), ...stateCtes(bind, writes.states), timelineCte(bind, writes.timeline), outboxCte(bind, writes.events)].join(',\n')}
       SELECT id FROM outbox`,
      params,
    );
    const ids = rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return writes.events.map((e, i) => ({
      outboxId: String(ids[i]),
      name: e.name,
      payload: e.payload as never,
      audience: e.audience,
    }));
  }

  /** Runs one escalation step once (the unique run row decides), writing it to the timeline. */
  private async runStep(sql: Sql, ev: Evaluation, due: DueStep, pending: PendingEvent[]): Promise<boolean> {
    const t = ev.facts;
    const policy = ev.policy!;
    const claimed = await sql.query(
      `INSERT INTO sla_escalation_runs (ticket_id, policy_id, step_index, cycle_key, action) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [t.id, policy.id, due.index, due.cycle, due.step.action],
    );
    if (claimed.length === 0) return false;
    const { step } = due;
    const data: Record<string, unknown> = {
      policyId: policy.id,
      policyName: policy.name,
      step: due.index,
      on: step.on,
      afterMinutes: step.afterMinutes ?? 0,
      action: step.action,
      metric: due.metric,
    };
    const before: TicketScope = { teamId: t.team_id, assigneeId: t.assignee_id };
    const seq = Number(t.seq) + 1;
    const notice = {
      ticketId: t.id,
      seq,
      metric: due.metric,
      step: due.index,
      action: step.action,
      on: step.on,
      number: Number(t.number),
      subject: t.subject,
    };
    if (step.action === 'notify_assignee') {
      data.notified = t.assignee_id ? { assigneeId: t.assignee_id } : { teamId: t.team_id };
      pending.push(
        await this.bus.record(
          sql,
          t.id,
          'sla.escalated',
          notice,
          t.assignee_id ? { teamId: null, assigneeId: t.assignee_id } : before,
        ),
      );
    } else if (step.action === 'notify_supervisors') {
      data.notified = 'supervisors';
      pending.push(
        await this.bus.record(sql, t.id, 'sla.escalated', notice, { teamId: null, assigneeId: null }),
      );
    } else if (step.action === 'raise_priority') {
      const next =
        PRIORITIES[Math.min(PRIORITIES.indexOf(t.priority as Priority) + 1, PRIORITIES.length - 1)];
      data.from = t.priority;
      data.to = next;
      if (next !== t.priority) {
        await sql.query(`UPDATE tickets SET priority = $2 WHERE id = $1`, [t.id, next]);
        t.priority = next;
        pending.push(
          await this.bus.record(
            sql,
            t.id,
            'ticket.updated',
            { ticketId: t.id, seq, changes: { priority: next as never } },
            before,
          ),
        );
      }
    } else if (step.action === 'reassign_team' && step.teamId) {
      data.fromTeamId = t.team_id;
      data.toTeamId = step.teamId;
      await sql.query(`UPDATE tickets SET team_id = $2, assignee_id = NULL WHERE id = $1`, [
        t.id,
        step.teamId,
      ]);
      const changes = { teamId: step.teamId, assigneeId: null };
      pending.push(
        await this.bus.record(sql, t.id, 'ticket.updated', { ticketId: t.id, seq, changes }, before),
      );
      t.team_id = step.teamId;
      t.assignee_id = null;
      pending.push(
        await this.bus.record(
          sql,
          t.id,
          'ticket.updated',
          { ticketId: t.id, seq, changes },
          { teamId: step.teamId, assigneeId: null },
        ),
      );
    }
    await appendTicketEvent(sql, 'sla_escalation', { ticketId: t.id, seq, data });
    return true;
  }
}

/** A policy with the columns of its calendar, joined for the clocks. */
interface PolicyRow extends SlaPolicyRow {
  time_zone: string | null;
  hours: BusinessCalendar['hours'] | null;
  holidays: string[] | null;
  calendar_updated_at: Date | null;
}

type Bind = (value: unknown) => string;
type TimelineRow = TimelineEvent;
type OutboxRow = {
  ticketId: string;
  name: AgentEventName;
  payload: AgentServerEvents[AgentEventName];
  audience: TicketScope;
};

/**
 * The entries the timeline shows: those of clocks the ticket's policy has a target for. The
 * ledger keeps every clock (a later policy may measure one), but "next response clock started"
 * under a policy without a next-response target, or with no policy, would promise a deadline
 * that does not exist.
 */
function measuredEntries(ev: Evaluation): ClockEntry[] {
  const policy = ev.policy;
  if (!policy) return [];
  return ev.added.filter((e) => targetMs(policy.settings.targets, e.metric) !== null);
}

/** The 'sla_clock' timeline event of an evaluation that appended entries a target measures. */
function timelineRow(ev: Evaluation, seq: number): TimelineRow {
  return {
    ticketId: ev.facts.id,
    seq,
    data: {
      policyId: ev.policy?.id ?? null,
      entries: measuredEntries(ev).map(entryJson),
      due: dueJson(ev.state),
    },
  };
}

/** Appends the evaluations' new ledger entries (in input order: ids are the ledger's order). */
function ledgerCtes(bind: Bind, evaluations: Evaluation[]): string[] {
  const rows = evaluations.flatMap((ev) =>
    ev.added.map((e) => [ev.facts.id, e.metric, e.action, e.reason, e.at, ev.policy?.id ?? null] as const),
  );
  if (rows.length === 0) return [];
  const [ids, metrics, actions, reasons, ats, policyIds] = [0, 1, 2, 3, 4, 5].map((i) =>
    bind(rows.map((r) => r[i])),
  );
  return [
    `ledger AS (INSERT INTO sla_clock_entries (ticket_id, metric, action, reason, at, policy_id)
       SELECT id, metric::sla_metric, action::sla_clock_action, reason, at, policy_id
         FROM unnest(${ids}::uuid[], ${metrics}::text[], ${actions}::text[], ${reasons}::text[], ${ats}::timestamptz[], ${policyIds}::uuid[]) AS v(id, metric, action, reason, at, policy_id))`,
  ];
}

/**
 * Stores breaches and the next check in `ticket_sla_state`: a row while anything is ahead or on
 * record, none otherwise (so the table stays as small as what the SLA engine still watches).
 */
function stateCtes(bind: Bind, evaluations: Evaluation[]): string[] {
  if (evaluations.length === 0) return [];
  const columns = STATE_KEYS.map((k) => SLA_STATE_COLUMNS[k]);
  const arrays = [
    `${bind(evaluations.map((e) => e.facts.id))}::uuid[]`,
    ...STATE_KEYS.map((k) => `${bind(evaluations.map((e) => e.derived[k]))}::timestamptz[]`),
  ];
  const empty = columns.map((c) => `v.${c} IS NULL`).join(' AND ');
  return [
    `state AS (SELECT * FROM unnest(${arrays.join(', ')}) AS v(ticket_id, ${columns.join(', ')}))`,
    `state_gone AS (DELETE FROM ticket_sla_state s USING state v WHERE s.ticket_id = v.ticket_id AND ${empty})`,
    `state_kept AS (INSERT INTO ticket_sla_state (ticket_id, ${columns.join(', ')})
       SELECT ticket_id, ${columns.join(', ')} FROM state v WHERE NOT (${empty})
       ON CONFLICT (ticket_id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')})`,
  ];
}

function timelineCte(bind: Bind, rows: TimelineRow[]): string {
  return `timeline AS (${ticketEventsInsertSql(bind, 'sla_clock', rows)})`;
}

/**
 * Outbox rows in input order (one sequence, one ordered insert: ids ascend with the input). The
 * payloads travel as one JSON array, zipped by position: no escaping of each document by the driver.
 */
function outboxCte(bind: Bind, events: OutboxRow[]): string {
  const topics = bind(events.map((e) => e.name));
  const ids = bind(events.map((e) => e.ticketId));
  const payloads = bind(JSON.stringify(events.map((e) => ({ payload: e.payload, audience: e.audience }))));
  return `outbox AS (INSERT INTO outbox_events (topic, ticket_id, payload)
     SELECT topic, ticket_id, payload::jsonb
       FROM ROWS FROM (unnest(${topics}::text[]), unnest(${ids}::uuid[]), json_array_elements(${payloads}::json))
            WITH ORDINALITY AS v(topic, ticket_id, payload, n)
      ORDER BY n
     RETURNING id)`;
}

/** The policies as a list, built once per map rather than once per evaluated ticket. */
const policyLists = new WeakMap<Map<string, SlaPolicyRecord>, SlaPolicyRecord[]>();
function policyList(policies: Map<string, SlaPolicyRecord>): SlaPolicyRecord[] {
  let list = policyLists.get(policies);
  if (!list) policyLists.set(policies, (list = [...policies.values()]));
  return list;
}

/** Due time of each running clock, so the timeline can say "First response due Mon 09:55". */
function dueJson(state: ClockState): Partial<Record<SlaMetric, string>> {
  const out: Partial<Record<SlaMetric, string>> = {};
  for (const m of SLA_METRICS)
    if (running(state[m]) && state[m].dueAt) out[m] = state[m].dueAt!.toISOString();
  return out;
}

function entryJson(e: ClockEntry) {
  return { at: e.at.toISOString(), metric: e.metric, action: e.action, reason: e.reason };
}
