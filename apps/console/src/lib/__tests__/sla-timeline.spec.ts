import { describe, expect, it } from '@jest/globals';
import type { TicketEventView } from '@switchboard/contracts';
import { describeEvent } from '../timeline';
import { shortWhen } from '../sla-timeline';

const event = (type: string, data: Record<string, unknown>): TicketEventView =>
  ({
    id: '1',
    ticketId: 't',
    type,
    actorId: null,
    data,
    createdAt: '2026-11-20T16:55:00Z',
  }) as unknown as TicketEventView;
const nameOf = (id: string | null | undefined) => (id === 'team-2' ? 'Tier 2' : 'Someone');

describe('SLA events on the timeline', () => {
  it('says when a clock is due, paused, met and breached', () => {
    const due = '2026-11-23T08:55:00Z';
    expect(
      describeEvent(
        event('sla_clock', {
          entries: [{ metric: 'first_response', action: 'start', reason: 'ticket created' }],
          due: { first_response: due },
        }),
        nameOf,
      ),
    ).toBe(`First response due ${shortWhen(due)}`);
    expect(shortWhen(due, 'en-GB')).toMatch(/^Mon/);
    expect(
      describeEvent(
        event('sla_clock', {
          entries: [{ metric: 'resolution', action: 'pause', reason: 'status pending' }],
        }),
        nameOf,
      ),
    ).toBe('Resolution clock paused (status pending)');
    expect(
      describeEvent(
        event('sla_clock', {
          entries: [{ metric: 'first_response', action: 'achieve', reason: 'agent replied' }],
        }),
        nameOf,
      ),
    ).toBe('First response met');
    expect(
      describeEvent(
        event('sla_clock', {
          entries: [{ metric: 'first_response', action: 'breach', reason: 'due time passed' }],
        }),
        nameOf,
      ),
    ).toBe('First response: Breached');
  });

  it('names the escalation step that ran', () => {
    expect(
      describeEvent(
        event('sla_escalation', {
          action: 'raise_priority',
          from: 'normal',
          to: 'high',
          on: 'breach',
          metric: 'first_response',
          afterMinutes: 0,
          policyName: 'VIP',
        }),
        nameOf,
      ),
    ).toBe('Escalated: priority raised to high (first response breach, VIP)');
    expect(
      describeEvent(
        event('sla_escalation', {
          action: 'reassign_team',
          toTeamId: 'team-2',
          on: 'at_risk',
          metric: 'resolution',
          afterMinutes: 15,
        }),
        nameOf,
      ),
    ).toBe('Escalated: reassigned to team Tier 2 (resolution at risk + 15 min)');
  });
});
