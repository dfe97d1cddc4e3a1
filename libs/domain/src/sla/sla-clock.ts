import { addBusinessTime, businessTimeBetween } from './business-calendar.js';
import type { MaybeCalendar } from './calendar-validation.js';

/**
 * The SLA clock ledger and the state derived from it. The ledger records what happened (a
 * customer started waiting, the ticket went pending, an agent answered), never deadlines: due
 * times are derived from the ledger with the policy's targets and calendar, so a policy or
 * calendar change recomputes them honestly from the same history.
 */

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const CLOCK_ACTIONS = ['start', 'pause', 'resume', 'achieve', 'stop', 'breach', 'warn'] as const;
export type ClockAction = (typeof CLOCK_ACTIONS)[number];

/** One ledger line; `reason` is shown on the ticket timeline ("ticket pending: waiting on the customer"). */
export interface ClockEntry {
  at: Date;
  metric: SlaMetric;
  action: ClockAction;
  reason: string;
}

/** What the ledger alone says about a metric (no targets involved). */
export type LedgerStatus = 'none' | 'running' | 'paused' | 'achieved' | 'stopped';
/** Derived status: `breached` is a running clock past its due time. */
export type ClockStatus = LedgerStatus | 'breached';

/**
 * Ledger status × action → next status. A missing cell means the entry has no effect on the
 * clock (a second `start` while running keeps the oldest wait; a `resume` while running is a
 * duplicate). `warn` and `breach` record notifications and never move the clock. `start` after
 * `achieved`/`stopped` begins a new cycle (next response after each customer message, resolution
 * after a reopen).
 */
export const CLOCK_TRANSITIONS: Readonly<Record<LedgerStatus, Partial<Record<ClockAction, LedgerStatus>>>> = {
  none: { start: 'running' },
  running: { pause: 'paused', achieve: 'achieved', stop: 'stopped', warn: 'running', breach: 'running' },
  paused: { resume: 'running', achieve: 'achieved', stop: 'stopped', warn: 'paused', breach: 'paused' },
  achieved: { start: 'running' },
  stopped: { start: 'running' },
};

export function clockTransition(status: LedgerStatus, action: ClockAction): LedgerStatus | null {
  return CLOCK_TRANSITIONS[status][action] ?? null;
}

/** Policy targets as the admin API stores them (seconds); a missing target means "not measured". */
export interface SlaTargets {
  firstResponseSeconds?: number | null;
  nextResponseSeconds?: number | null;
  resolutionSeconds?: number | null;
}

export interface SlaClockSettings {
  targets: SlaTargets;
  /** Share of the target (0-1, e.g. 0.8) after which a clock is "at risk"; absent means no warning. */
  atRiskShare?: number | null;
}

export function targetMs(targets: SlaTargets, metric: SlaMetric): number | null {
  const seconds =
    metric === 'first_response'
      ? targets.firstResponseSeconds
      : metric === 'next_response'
        ? targets.nextResponseSeconds
        : targets.resolutionSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

export interface MetricClockState {
  status: ClockStatus;
  /** The metric's target in ms, or null when the policy does not measure it (then no due time). */
  targetMs: number | null;
  /** Start of the current cycle. */
  startedAt: Date | null;
  /** While running: when the target is (or was) reached in business time. Unknown while paused. */
  dueAt: Date | null;
  /** While running: when `atRiskShare` of the target is (or was) reached. */
  atRiskAt: Date | null;
  pausedSince: Date | null;
  achievedAt: Date | null;
  stoppedAt: Date | null;
  /** When the target was exceeded in this cycle, also if later achieved or paused (achieved late). */
  breachedAt: Date | null;
  /** Business ms left as of `now` while running or paused (negative once overdue); else null. */
  remainingMs: number | null;
  /** Business ms counted in this cycle, up to `now` or to when the clock stopped counting. */
  elapsedMs: number;
  /** Ledger `warn`/`breach` entries of this cycle: notifications already sent. */
  warnedAt: Date | null;
  breachRecordedAt: Date | null;
}

export type ClockState = Record<SlaMetric, MetricClockState>;

/** Entries of the ledger up to `now`, in time order (ties keep ledger order: start then pause). */
function orderedEntries(ledger: readonly ClockEntry[], now: Date): ClockEntry[] {
  return ledger
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.at.getTime() <= now.getTime())
    .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Ledger-only status of every metric, what {@link clockEntriesFor} needs to decide. */
export function clockStatuses(
  ledger: readonly ClockEntry[],
  now: Date = new Date(8.64e15),
): Record<SlaMetric, LedgerStatus> {
  const statuses: Record<SlaMetric, LedgerStatus> = {
    first_response: 'none',
    next_response: 'none',
    resolution: 'none',
  };
  for (const entry of orderedEntries(ledger, now)) {
    statuses[entry.metric] = clockTransition(statuses[entry.metric], entry.action) ?? statuses[entry.metric];
  }
  return statuses;
}

/** Replays one metric's entries, counting business time only while running. */
function deriveMetric(
  entries: readonly ClockEntry[],
  target: number | null,
  atRiskShare: number | null,
  calendar: MaybeCalendar,
  now: Date,
): MetricClockState {
  const riskTarget = target !== null && atRiskShare !== null ? Math.round(target * atRiskShare) : null;
  let status: LedgerStatus = 'none';
  let startedAt: Date | null = null;
  let runningSince: Date | null = null;
  let pausedSince: Date | null = null;
  let achievedAt: Date | null = null;
  let stoppedAt: Date | null = null;
  let warnedAt: Date | null = null;
  let breachRecordedAt: Date | null = null;
  let elapsed = 0;
  // Instants at which the counted time passed the at-risk share and the target, once known.
  let riskCrossedAt: Date | null = null;
  let crossedAt: Date | null = null;

  /** Counts the running segment [from, to); a target is passed only by exceeding it. */
  const count = (from: Date, to: Date) => {
    const segment = businessTimeBetween(calendar, from, to);
    if (riskTarget !== null && riskCrossedAt === null && elapsed + segment > riskTarget) {
      riskCrossedAt = addBusinessTime(calendar, from, Math.max(0, riskTarget - elapsed));
    }
    if (target !== null && crossedAt === null && elapsed + segment > target) {
      crossedAt = addBusinessTime(calendar, from, Math.max(0, target - elapsed));
    }
    elapsed += segment;
  };

  for (const entry of entries) {
    const next = clockTransition(status, entry.action);
    if (next === null) continue;
    switch (entry.action) {
      case 'start':
        startedAt = runningSince = entry.at;
        pausedSince = achievedAt = stoppedAt = warnedAt = breachRecordedAt = null;
        riskCrossedAt = crossedAt = null;
        elapsed = 0;
        break;
      case 'pause':
        count(runningSince!, entry.at);
        runningSince = null;
        pausedSince = entry.at;
        break;
      case 'resume':
        runningSince = entry.at;
        pausedSince = null;
        break;
      case 'achieve':
      case 'stop':
        if (status === 'running') count(runningSince!, entry.at);
        runningSince = pausedSince = null;
        if (entry.action === 'achieve') achievedAt = entry.at;
        else stoppedAt = entry.at;
        break;
      case 'warn':
        warnedAt ??= entry.at;
        break;
      case 'breach':
        breachRecordedAt ??= entry.at;
        break;
    }
    status = next;
  }

  let dueAt: Date | null = null;
  let atRiskAt: Date | null = null;
  let remainingMs: number | null = null;
  let breachedAt: Date | null = crossedAt;
  let elapsedNow = elapsed;
  if (status === 'running') {
    elapsedNow = elapsed + businessTimeBetween(calendar, runningSince!, now);
    if (target !== null) {
      // Why from `runningSince` with what was left: a resumed clock continues with the business
      // time it had, so a pending ticket answered by the customer never breaches on the spot.
      dueAt = crossedAt ?? addBusinessTime(calendar, runningSince!, target - elapsed);
      if (dueAt.getTime() <= now.getTime()) breachedAt = dueAt;
      remainingMs = target - elapsedNow;
    }
    if (riskTarget !== null)
      atRiskAt = riskCrossedAt ?? addBusinessTime(calendar, runningSince!, riskTarget - elapsed);
  } else if (status === 'paused' && target !== null) {
    remainingMs = target - elapsed;
  }

  return {
    status: status === 'running' && breachedAt !== null ? 'breached' : status,
    targetMs: target,
    startedAt,
    dueAt,
    atRiskAt,
    pausedSince,
    achievedAt,
    stoppedAt,
    breachedAt: target === null ? null : breachedAt,
    remainingMs,
    elapsedMs: elapsedNow,
    warnedAt,
    breachRecordedAt,
  };
}

/**
 * The state of every metric at `now`, recomputed from the whole ledger (entries after `now` are
 * ignored). Deterministic: the same ledger, settings, calendar and `now` always give the same
 * state, so the ticket's stored copy can be rebuilt and checked at any time.
 *
 * A running clock is `breached` once `now` reaches its due time; a clock achieved exactly at its
 * due time met the target. Business time counts only while running and only in open hours, so
 * nothing breaches at night or during a weekend on wall-clock time.
 */
export function deriveClockState(
  settings: SlaClockSettings,
  calendar: MaybeCalendar,
  ledger: readonly ClockEntry[],
  now: Date,
): ClockState {
  const share = settings.atRiskShare;
  const atRiskShare = typeof share === 'number' && share > 0 && share < 1 ? share : null;
  const ordered = orderedEntries(ledger, now);
  const state = {} as ClockState;
  for (const metric of SLA_METRICS) {
    state[metric] = deriveMetric(
      ordered.filter((e) => e.metric === metric),
      targetMs(settings.targets, metric),
      atRiskShare,
      calendar,
      now,
    );
  }
  return state;
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * The `warn` and `breach` entries a sweep at `now` should append (and notify), at most one of
 * each per metric and cycle: a cycle already warned or breached in the ledger gets nothing more,
 * and a clock that breached before anyone warned gets only the breach.
 */
export function sweepEntries(state: ClockState, now: Date): ClockEntry[] {
  const entries: ClockEntry[] = [];
  for (const metric of SLA_METRICS) {
    const s = state[metric];
    if ((s.status !== 'running' && s.status !== 'breached') || s.targetMs === null) continue;
    const target = formatDuration(s.targetMs);
    if (s.breachedAt && !s.breachRecordedAt) {
      entries.push({
        at: now,
        metric,
        action: 'breach',
        reason: `target of ${target} business time exceeded`,
      });
    } else if (!s.breachedAt && s.atRiskAt && s.atRiskAt.getTime() <= now.getTime() && !s.warnedAt) {
      entries.push({
        at: now,
        metric,
        action: 'warn',
        reason: `at risk: due in ${formatDuration(s.remainingMs ?? 0)} of business time (target ${target})`,
      });
    }
  }
  return entries;
}

/**
 * The state after appending the `notices` {@link sweepEntries} returned for the same `state` and
 * `now`: a warn or breach entry never moves a clock, it only marks the cycle as warned or
 * breached at `now`. Equal to deriving the state again from the longer ledger, without replaying
 * it (the sweep evaluates a thousand tickets at a time).
 */
export function withNotices(state: ClockState, notices: readonly ClockEntry[]): ClockState {
  const next = { ...state };
  for (const n of notices) {
    next[n.metric] =
      n.action === 'breach'
        ? { ...next[n.metric], breachRecordedAt: next[n.metric].breachRecordedAt ?? n.at }
        : { ...next[n.metric], warnedAt: next[n.metric].warnedAt ?? n.at };
  }
  return next;
}
