import type { TicketStatus } from '../ticket-status.js';
import {
  SLA_METRICS,
  type ClockAction,
  type ClockEntry,
  type ClockStatus,
  type SlaMetric,
} from './sla-clock.js';

/** The parts of an SLA policy that decide when clocks start, pause and stop. */
export interface ClockPolicy {
  /** `pending` always pauses (we wait on the customer); `on_hold` pauses only when this is set. */
  pauseOnHold: boolean;
  /**
   * When false, a customer message within `customerAfterSolveGraceMs` of a solve (a "thanks!")
   * does not start a next-response clock; later messages still do.
   */
  restartOnCustomerAfterSolve: boolean;
  customerAfterSolveGraceMs: number;
}

/** Something that happened to a ticket, as the clock cares about it. */
export type TicketHappening =
  | { type: 'ticket_created'; at: Date; status?: TicketStatus }
  | {
      type: 'customer_message';
      at: Date;
      /** The ticket's status once the message is applied (a customer answer moves pending to open). */
      ticketStatus: TicketStatus;
      /** When the ticket had been solved, if it was solved or closed when the message arrived. */
      solvedAt?: Date | null;
    }
  | { type: 'agent_reply'; at: Date }
  | { type: 'status_changed'; at: Date; from: TicketStatus; to: TicketStatus }
  | { type: 'hold'; at: Date; from: TicketStatus }
  | { type: 'resume'; at: Date; to?: TicketStatus }
  | { type: 'solved'; at: Date; from: TicketStatus }
  | {
      type: 'policy_changed';
      at: Date;
      ticketStatus: TicketStatus;
      /** The policy that applied before (null: none). */
      previous: Pick<ClockPolicy, 'pauseOnHold'> | null;
    };

/** Current status per metric: a ledger status or a derived one (`breached` counts as running). */
export type CurrentClockStatuses = Record<SlaMetric, ClockStatus>;

const isDone = (s: TicketStatus) => s === 'solved' || s === 'closed';

/** Whether a ticket status stops the clocks: pending always, on hold when the policy says so. */
export function statusPausesClock(
  status: TicketStatus,
  policy: Pick<ClockPolicy, 'pauseOnHold'> | null,
): boolean {
  return status === 'pending' || (status === 'on_hold' && (policy?.pauseOnHold ?? false));
}

const running = (s: ClockStatus) => s === 'running' || s === 'breached';
const active = (s: ClockStatus) => running(s) || s === 'paused';

function pauseReason(status: TicketStatus): string {
  return status === 'pending'
    ? 'ticket pending: waiting on the customer'
    : 'ticket on hold: this policy pauses on hold';
}

/**
 * The ledger entries a happening adds, with the reason the timeline shows. Pure: it only looks at
 * the happening, the clocks' current statuses and the policy, so the API can call it inside the
 * same transaction as the change and append the result.
 *
 * The rules:
 * - first response and resolution start when the ticket is created; the first agent reply
 *   achieves first response; solving achieves resolution (and stops an unanswered first response);
 *   a reopen starts a new resolution cycle.
 * - next response starts on a customer message once first response is done and no next-response
 *   clock is already waiting (the oldest unanswered message sets the deadline); an agent reply or
 *   a solve achieves it.
 * - entering pending (or on hold, if the policy pauses on hold) pauses running clocks; leaving it
 *   resumes them with the business time they had left.
 * - a policy change adds nothing but a pause or resume when it changes whether on hold pauses:
 *   targets are applied when the state is derived, so due times follow the new policy from the
 *   same history (the customer has been waiting since the start, whichever policy applies).
 */
export function clockEntriesFor(
  happening: TicketHappening,
  current: CurrentClockStatuses,
  policy: ClockPolicy,
): ClockEntry[] {
  const at = happening.at;
  const entries: ClockEntry[] = [];
  const add = (metric: SlaMetric, action: ClockAction, reason: string) =>
    entries.push({ at, metric, action, reason });
  const pauseRunning = (reason: string) =>
    SLA_METRICS.filter((m) => running(current[m])).forEach((m) => add(m, 'pause', reason));
  const resumePaused = (reason: string) =>
    SLA_METRICS.filter((m) => current[m] === 'paused').forEach((m) => add(m, 'resume', reason));

  switch (happening.type) {
    case 'ticket_created': {
      const status = happening.status ?? 'new';
      if (isDone(status)) return []; // logged after the fact: nothing to measure
      add('first_response', 'start', 'ticket created: waiting for a first reply');
      add('resolution', 'start', 'ticket created');
      if (statusPausesClock(status, policy)) {
        add('first_response', 'pause', pauseReason(status));
        add('resolution', 'pause', pauseReason(status));
      }
      return entries;
    }

    case 'customer_message': {
      const { ticketStatus, solvedAt } = happening;
      if (ticketStatus === 'closed') return [];
      if (active(current.first_response)) return []; // still waiting for the first reply: that clock covers it
      if (active(current.next_response)) return []; // already waiting since an earlier message
      if (solvedAt) {
        const sinceSolve = at.getTime() - solvedAt.getTime();
        if (!policy.restartOnCustomerAfterSolve && sinceSolve <= policy.customerAfterSolveGraceMs) return [];
        add('next_response', 'start', 'customer wrote after the ticket was solved: awaiting a reply');
      } else {
        add('next_response', 'start', 'customer wrote: awaiting a reply');
      }
      if (statusPausesClock(ticketStatus, policy)) add('next_response', 'pause', pauseReason(ticketStatus));
      return entries;
    }

    case 'agent_reply':
      if (active(current.first_response)) add('first_response', 'achieve', 'first agent reply');
      if (active(current.next_response)) add('next_response', 'achieve', 'agent replied');
      return entries;

    case 'hold':
      return clockEntriesFor(
        { type: 'status_changed', at, from: happening.from, to: 'on_hold' },
        current,
        policy,
      );
    case 'resume':
      return clockEntriesFor(
        { type: 'status_changed', at, from: 'on_hold', to: happening.to ?? 'open' },
        current,
        policy,
      );
    case 'solved':
      return clockEntriesFor(
        { type: 'status_changed', at, from: happening.from, to: 'solved' },
        current,
        policy,
      );

    case 'status_changed': {
      const { from, to } = happening;
      if (from === to) return [];
      if (isDone(to) && !isDone(from)) {
        const why = to === 'solved' ? 'ticket solved' : 'ticket closed';
        if (active(current.first_response)) add('first_response', 'stop', `${why} without an agent reply`);
        if (active(current.next_response)) add('next_response', 'achieve', why);
        if (active(current.resolution)) add('resolution', 'achieve', why);
        return entries;
      }
      if (isDone(from) && !isDone(to)) {
        if (!active(current.resolution)) {
          add('resolution', 'start', `ticket reopened (${from} → ${to})`);
          if (statusPausesClock(to, policy)) add('resolution', 'pause', pauseReason(to));
        }
        return entries;
      }
      if (isDone(from) || isDone(to)) return []; // solved → closed
      const wasPaused = statusPausesClock(from, policy);
      const isPaused = statusPausesClock(to, policy);
      if (!wasPaused && isPaused) pauseRunning(pauseReason(to));
      if (wasPaused && !isPaused)
        resumePaused(`ticket left ${from} (now ${to}): clock resumes with the time it had left`);
      return entries;
    }

    case 'policy_changed': {
      const wasPaused = statusPausesClock(happening.ticketStatus, happening.previous);
      const isPaused = statusPausesClock(happening.ticketStatus, policy);
      if (!wasPaused && isPaused) pauseRunning('policy changed: on hold now pauses the clock');
      if (wasPaused && !isPaused) resumePaused('policy changed: on hold no longer pauses the clock');
      return entries;
    }
  }
}
