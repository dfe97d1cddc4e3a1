import fc from 'fast-check';
import { addBusinessTime, businessTimeBetween } from '../business-calendar.js';
import {
  CLOCK_ACTIONS,
  clockStatuses,
  clockTransition,
  deriveClockState,
  sweepEntries,
  withNotices,
  type ClockEntry,
  type LedgerStatus,
  type SlaClockSettings,
} from '../sla-clock.js';
import { clockEntriesFor, type ClockPolicy, type TicketHappening } from '../sla-clock-events.js';
import { at, berlinOffice, HOUR, MINUTE, wall } from './fixtures.js';

const BER = 'Europe/Berlin';
const t = (local: string) => at(BER, local);
const w = (d: Date | null) => (d ? wall(BER, d) : null);

const policy: ClockPolicy = {
  pauseOnHold: false,
  restartOnCustomerAfterSolve: false,
  customerAfterSolveGraceMs: 10 * MINUTE,
};
const settings: SlaClockSettings = {
  targets: { firstResponseSeconds: 3600, nextResponseSeconds: 3600, resolutionSeconds: 8 * 3600 },
  atRiskShare: 0.8,
};

/** A ticket's ledger grown the way the API grows it: derive statuses, append what the reducer returns. */
function ticket(clockPolicy: ClockPolicy = policy) {
  const ledger: ClockEntry[] = [];
  return {
    ledger,
    apply(happening: TicketHappening): ClockEntry[] {
      const entries = clockEntriesFor(happening, clockStatuses(ledger), clockPolicy);
      ledger.push(...entries);
      return entries;
    },
    state(now: Date, s: SlaClockSettings = settings) {
      return deriveClockState(s, berlinOffice, ledger, now);
    },
  };
}

describe('SLA clocks on a Mon–Fri 09:00–18:00 Berlin calendar', () => {
  it('a ticket opened Friday 17:55 with a 1-hour first-response target is due Monday 09:55, at risk from 09:43', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-27 17:55') });
    const s = tk.state(t('2026-03-28 12:00')).first_response;
    expect(s.status).toBe('running');
    expect(w(s.dueAt)).toBe('2026-03-30 09:55 Mon');
    expect(w(s.atRiskAt)).toBe('2026-03-30 09:43 Mon');
    expect(s.remainingMs).toBe(55 * MINUTE);
  });

  it('a breach is not computed on wall-clock time outside hours', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-27 17:30') });
    // 63 wall-clock hours later, but only half a business hour: not breached.
    expect(tk.state(t('2026-03-30 08:59')).first_response).toMatchObject({
      status: 'running',
      breachedAt: null,
      remainingMs: 30 * MINUTE,
    });
    expect(tk.state(t('2026-03-30 09:29')).first_response.status).toBe('running');
    const breached = tk.state(t('2026-03-30 09:30')).first_response;
    expect(breached.status).toBe('breached');
    expect(w(breached.breachedAt)).toBe('2026-03-30 09:30 Mon');
  });

  it('pending pauses the clock, and the due time moves by the business time spent pending', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 10:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 10:30') });
    const before = tk.state(t('2026-03-30 10:59')).resolution;
    expect(w(before.dueAt)).toBe('2026-03-30 18:00 Mon');

    tk.apply({ type: 'status_changed', at: t('2026-03-30 11:00'), from: 'open', to: 'pending' });
    const paused = tk.state(t('2026-03-31 09:30')).resolution;
    expect(paused).toMatchObject({ status: 'paused', dueAt: null, remainingMs: 7 * HOUR });
    expect(w(paused.pausedSince)).toBe('2026-03-30 11:00 Mon');

    tk.apply({ type: 'status_changed', at: t('2026-03-31 10:00'), from: 'pending', to: 'open' });
    const after = tk.state(t('2026-03-31 10:00')).resolution;
    expect(w(after.dueAt)).toBe('2026-03-31 17:00 Tue');
    const pausedBusiness = businessTimeBetween(berlinOffice, t('2026-03-30 11:00'), t('2026-03-31 10:00'));
    expect(after.dueAt!.getTime()).toBe(
      addBusinessTime(berlinOffice, before.dueAt!, pausedBusiness).getTime(),
    );
  });

  it('a pending ticket answered by the customer days later resumes with its remaining time, no instant breach', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:20') });
    tk.apply({ type: 'status_changed', at: t('2026-03-30 16:30'), from: 'open', to: 'pending' }); // 7.5 h used
    const answer = t('2026-04-01 15:00');
    tk.apply({ type: 'customer_message', at: answer, ticketStatus: 'open' });
    tk.apply({ type: 'status_changed', at: answer, from: 'pending', to: 'open' });
    const s = tk.state(new Date(answer.getTime() + 1));
    expect(s.resolution.status).toBe('running');
    expect(s.resolution.breachedAt).toBeNull();
    expect(w(s.resolution.dueAt)).toBe('2026-04-01 15:30 Wed');
    expect(s.next_response.status).toBe('running');
    expect(w(s.next_response.dueAt)).toBe('2026-04-01 16:00 Wed');
  });

  it('the timeline says why the clock stood still', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    const entries = tk.apply({
      type: 'status_changed',
      at: t('2026-03-30 10:00'),
      from: 'new',
      to: 'pending',
    });
    expect(entries).toEqual([
      {
        at: t('2026-03-30 10:00'),
        metric: 'first_response',
        action: 'pause',
        reason: 'ticket pending: waiting on the customer',
      },
      {
        at: t('2026-03-30 10:00'),
        metric: 'resolution',
        action: 'pause',
        reason: 'ticket pending: waiting on the customer',
      },
    ]);
  });

  it('the first agent reply meets first response; customer follow-ups before it do not start next response', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    expect(tk.apply({ type: 'customer_message', at: t('2026-03-30 09:05'), ticketStatus: 'new' })).toEqual(
      [],
    );
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:30') });
    const s = tk.state(t('2026-03-30 12:00'));
    expect(s.first_response).toMatchObject({ status: 'achieved', breachedAt: null, elapsedMs: 30 * MINUTE });
    expect(s.next_response.status).toBe('none');
  });

  it('next response waits from the oldest unanswered customer message', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:10') });
    tk.apply({ type: 'customer_message', at: t('2026-03-30 10:00'), ticketStatus: 'open' });
    expect(tk.apply({ type: 'customer_message', at: t('2026-03-30 10:40'), ticketStatus: 'open' })).toEqual(
      [],
    );
    expect(w(tk.state(t('2026-03-30 10:45')).next_response.dueAt)).toBe('2026-03-30 11:00 Mon');
  });

  it("a solved ticket's next-response clock stops (met by the solve) and never breaches afterwards", () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:10') });
    tk.apply({ type: 'customer_message', at: t('2026-03-30 10:00'), ticketStatus: 'open' });
    tk.apply({ type: 'solved', at: t('2026-03-30 10:20'), from: 'open' });
    const s = tk.state(t('2026-04-06 12:00'));
    expect(s.next_response).toMatchObject({ status: 'achieved', dueAt: null, breachedAt: null });
    expect(w(s.next_response.achievedAt)).toBe('2026-03-30 10:20 Mon');
    expect(s.resolution.status).toBe('achieved');
    expect(sweepEntries(s, t('2026-04-06 12:00'))).toEqual([]);
  });

  it('a "thanks" shortly after the solve does not restart next response when so configured', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:10') });
    const solvedAt = t('2026-03-30 09:15');
    tk.apply({ type: 'solved', at: solvedAt, from: 'open' });
    expect(
      tk.apply({ type: 'customer_message', at: t('2026-03-30 09:20'), ticketStatus: 'solved', solvedAt }),
    ).toEqual([]);
    expect(tk.state(t('2026-03-31 12:00')).next_response.status).toBe('none');
    // A real follow-up after the grace period is a new wait.
    const later = tk.apply({
      type: 'customer_message',
      at: t('2026-03-30 11:00'),
      ticketStatus: 'open',
      solvedAt,
    });
    expect(later).toEqual([
      {
        at: t('2026-03-30 11:00'),
        metric: 'next_response',
        action: 'start',
        reason: 'customer wrote after the ticket was solved: awaiting a reply',
      },
    ]);
  });

  it('with restart-after-solve on, even a quick "thanks" is a new wait', () => {
    const tk = ticket({ ...policy, restartOnCustomerAfterSolve: true });
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:10') });
    const solvedAt = t('2026-03-30 09:15');
    tk.apply({ type: 'solved', at: solvedAt, from: 'open' });
    expect(
      tk.apply({ type: 'customer_message', at: t('2026-03-30 09:16'), ticketStatus: 'open', solvedAt }),
    ).toHaveLength(1);
  });

  it('solving without any agent reply stops first response instead of calling it met', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'status_changed', at: t('2026-03-30 09:05'), from: 'new', to: 'solved' });
    const s = tk.state(t('2026-03-30 12:00'));
    expect(s.first_response.status).toBe('stopped');
    expect(tk.ledger.find((e) => e.metric === 'first_response' && e.action === 'stop')?.reason).toBe(
      'ticket solved without an agent reply',
    );
  });

  it('reopening starts a fresh resolution clock', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:10') });
    tk.apply({ type: 'solved', at: t('2026-03-30 12:00'), from: 'open' });
    tk.apply({ type: 'status_changed', at: t('2026-03-31 09:00'), from: 'solved', to: 'open' });
    const s = tk.state(t('2026-03-31 10:00')).resolution;
    expect(s).toMatchObject({ status: 'running', elapsedMs: HOUR, achievedAt: null });
    expect(w(s.startedAt)).toBe('2026-03-31 09:00 Tue');
    expect(w(s.dueAt)).toBe('2026-03-31 17:00 Tue');
  });

  it('on hold pauses only when the policy says so, and a policy change applies at once', () => {
    const counting = ticket();
    counting.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    expect(counting.apply({ type: 'hold', at: t('2026-03-30 10:00'), from: 'open' })).toEqual([]);
    // The new policy pauses on hold: clocks pause when it takes over.
    const pausing: ClockPolicy = { ...policy, pauseOnHold: true };
    const entries = clockEntriesFor(
      { type: 'policy_changed', at: t('2026-03-30 11:00'), ticketStatus: 'on_hold', previous: policy },
      clockStatuses(counting.ledger),
      pausing,
    );
    expect(entries.map((e) => [e.metric, e.action, e.reason])).toEqual([
      ['first_response', 'pause', 'policy changed: on hold now pauses the clock'],
      ['resolution', 'pause', 'policy changed: on hold now pauses the clock'],
    ]);

    const holding = ticket(pausing);
    holding.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    holding.apply({ type: 'hold', at: t('2026-03-30 09:30'), from: 'new' });
    expect(holding.state(t('2026-03-30 15:00')).first_response).toMatchObject({
      status: 'paused',
      remainingMs: 30 * MINUTE,
    });
    holding.apply({ type: 'resume', at: t('2026-03-30 15:00') });
    expect(w(holding.state(t('2026-03-30 15:00')).first_response.dueAt)).toBe('2026-03-30 15:30 Mon');
  });

  it('moving from pending to on hold keeps a pausing policy paused, and resumes a counting one', () => {
    const statuses = { first_response: 'paused', next_response: 'none', resolution: 'paused' } as const;
    const move: TicketHappening = {
      type: 'status_changed',
      at: t('2026-03-30 10:00'),
      from: 'pending',
      to: 'on_hold',
    };
    expect(clockEntriesFor(move, statuses, { ...policy, pauseOnHold: true })).toEqual([]);
    expect(clockEntriesFor(move, statuses, policy).map((e) => e.action)).toEqual(['resume', 'resume']);
  });

  it('a clock achieved late keeps its breach for reporting', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 11:00') });
    const s = tk.state(t('2026-03-30 12:00')).first_response;
    expect(s.status).toBe('achieved');
    expect(w(s.breachedAt)).toBe('2026-03-30 10:00 Mon');
  });

  it('a reply exactly at the due time meets the target', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 10:00') });
    expect(tk.state(t('2026-03-30 12:00')).first_response.breachedAt).toBeNull();
  });

  it('a metric the policy does not measure has no due time and never breaches', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    const s = tk.state(t('2026-04-30 09:00'), { targets: { resolutionSeconds: 3600 } }).first_response;
    expect(s).toMatchObject({
      status: 'running',
      targetMs: null,
      dueAt: null,
      breachedAt: null,
      remainingMs: null,
    });
  });

  it('changing the policy recomputes due times from the same history', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    const tighter = tk.state(t('2026-03-30 09:10'), {
      targets: { firstResponseSeconds: 15 * 60 },
    }).first_response;
    expect(w(tighter.dueAt)).toBe('2026-03-30 09:15 Mon');
  });

  it('entries after "now" are ignored, so the state at any past instant can be replayed', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:30') });
    expect(tk.state(t('2026-03-30 09:20')).first_response.status).toBe('running');
    expect(tk.state(t('2026-03-30 09:40')).first_response.status).toBe('achieved');
  });
});

describe('the sweeper', () => {
  it('warns once at the at-risk share, then breaches once at the due time', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    expect(sweepEntries(tk.state(t('2026-03-30 09:47')), t('2026-03-30 09:47'))).toEqual([]);

    const warnAt = t('2026-03-30 09:48');
    const warn = sweepEntries(tk.state(warnAt), warnAt);
    expect(warn).toEqual([
      {
        at: warnAt,
        metric: 'first_response',
        action: 'warn',
        reason: 'at risk: due in 12 min of business time (target 1 h)',
      },
    ]);
    tk.ledger.push(...warn);
    expect(sweepEntries(tk.state(t('2026-03-30 09:55')), t('2026-03-30 09:55'))).toEqual([]);

    const dueAt = t('2026-03-30 10:00');
    const breach = sweepEntries(tk.state(dueAt), dueAt);
    expect(breach.map((e) => [e.metric, e.action])).toEqual([['first_response', 'breach']]);
    tk.ledger.push(...breach);
    expect(sweepEntries(tk.state(t('2026-03-30 10:05')), t('2026-03-30 10:05'))).toEqual([]);
    expect(tk.state(t('2026-03-30 10:05')).first_response).toMatchObject({
      status: 'breached',
      breachRecordedAt: dueAt,
      warnedAt: warnAt,
    });
  });

  it('a paused clock is neither warned nor breached', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'status_changed', at: t('2026-03-30 09:30'), from: 'new', to: 'pending' });
    expect(sweepEntries(tk.state(t('2026-04-02 12:00')), t('2026-04-02 12:00'))).toEqual([]);
  });

  it('a new next-response cycle can be warned again', () => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:05') });
    tk.apply({ type: 'customer_message', at: t('2026-03-30 10:00'), ticketStatus: 'open' });
    tk.ledger.push(...sweepEntries(tk.state(t('2026-03-30 10:50')), t('2026-03-30 10:50')));
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 10:55') });
    tk.apply({ type: 'customer_message', at: t('2026-03-30 12:00'), ticketStatus: 'open' });
    const again = sweepEntries(tk.state(t('2026-03-30 12:50')), t('2026-03-30 12:50'));
    expect(again.map((e) => [e.metric, e.action])).toEqual([['next_response', 'warn']]);
  });

  it.each([
    '2026-03-30 09:47',
    '2026-03-30 09:48',
    '2026-03-30 10:00',
    '2026-03-30 13:30',
    '2026-03-30 16:30',
    '2026-03-31 12:00',
  ])('marking the notices of a sweep at %s gives the state derived again from the longer ledger', (local) => {
    const tk = ticket();
    tk.apply({ type: 'ticket_created', at: t('2026-03-30 09:00') });
    tk.apply({ type: 'agent_reply', at: t('2026-03-30 09:50') });
    tk.apply({ type: 'customer_message', at: t('2026-03-30 12:30'), ticketStatus: 'open' });
    tk.ledger.push(...sweepEntries(tk.state(t('2026-03-30 09:48')), t('2026-03-30 09:48')));
    const now = t(local);
    const notices = sweepEntries(tk.state(now), now);
    const marked = withNotices(tk.state(now), notices);
    tk.ledger.push(...notices);
    expect(marked).toEqual(tk.state(now));
  });
});

describe('clock transition table', () => {
  const expected: Record<LedgerStatus, Partial<Record<(typeof CLOCK_ACTIONS)[number], LedgerStatus>>> = {
    none: { start: 'running' },
    running: { pause: 'paused', achieve: 'achieved', stop: 'stopped', warn: 'running', breach: 'running' },
    paused: { resume: 'running', achieve: 'achieved', stop: 'stopped', warn: 'paused', breach: 'paused' },
    achieved: { start: 'running' },
    stopped: { start: 'running' },
  };
  const cells = (Object.keys(expected) as LedgerStatus[]).flatMap((s) =>
    CLOCK_ACTIONS.map((a) => [s, a] as const),
  );

  it.each(cells)('a %s clock given %s moves only as the table says', (status, action) => {
    expect(clockTransition(status, action)).toBe(expected[status][action] ?? null);
  });
});

describe('clock properties', () => {
  it('however often a ticket goes pending, the due time is the target plus nothing of the paused time', () => {
    // Random pending spells, each strictly before the clock would be due.
    const spells = fc.array(
      fc.tuple(fc.integer({ min: 1, max: 5 * 24 * 60 }), fc.integer({ min: 1, max: 5 * 24 * 60 })),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 * 24 * 60 }), spells, (startOffset, gaps) => {
        const tk = ticket();
        const created = new Date(t('2026-03-02 00:00').getTime() + startOffset * MINUTE);
        tk.apply({ type: 'ticket_created', at: created });
        let cursor = created;
        let paused = 0;
        for (const [runMin, pauseMin] of gaps) {
          const pauseAt = new Date(cursor.getTime() + runMin * MINUTE);
          const resumeAt = new Date(pauseAt.getTime() + pauseMin * MINUTE);
          if (businessTimeBetween(berlinOffice, created, pauseAt) - paused >= 8 * HOUR) break;
          tk.apply({ type: 'status_changed', at: pauseAt, from: 'open', to: 'pending' });
          tk.apply({ type: 'status_changed', at: resumeAt, from: 'pending', to: 'open' });
          paused += businessTimeBetween(berlinOffice, pauseAt, resumeAt);
          cursor = resumeAt;
        }
        const s = tk.state(cursor).resolution;
        expect(businessTimeBetween(berlinOffice, created, s.dueAt!) - paused).toBe(8 * HOUR);
      }),
      { numRuns: 200 },
    );
  });
});
