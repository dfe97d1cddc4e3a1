import fc from 'fast-check';
import {
  ASSIGNMENT_MODES,
  chooseAssignee,
  isEligible,
  weightedLoad,
  type AssignmentCandidate,
  type TeamAssignment,
} from '../routing.js';

const CHANNELS = ['web_chat', 'email', 'twilio_sms'] as const;

const candidate = fc.record({
  id: fc.uuid(),
  availability: fc.constantFrom('online', 'away', 'offline') as fc.Arbitrary<
    AssignmentCandidate['availability']
  >,
  capacity: fc.record(
    {
      total: fc.integer({ min: 0, max: 10 }),
      perChannel: fc.dictionary(fc.constantFrom(...CHANNELS), fc.integer({ min: 0, max: 5 })),
    },
    { requiredKeys: [] },
  ),
  load: fc.record({
    total: fc.integer({ min: 0, max: 12 }),
    perChannel: fc.dictionary(fc.constantFrom(...CHANNELS), fc.integer({ min: 0, max: 6 })),
  }),
  assignedLastHour: fc.integer({ min: 0, max: 5 }),
});

const team: fc.Arbitrary<TeamAssignment> = fc.record(
  {
    mode: fc.constantFrom(...ASSIGNMENT_MODES),
    onlyOnline: fc.boolean(),
    maxPerHour: fc.integer({ min: 0, max: 5 }),
  },
  { requiredKeys: ['mode', 'onlyOnline'] },
);

const agents = fc.uniqueArray(candidate, { selector: (a) => a.id, maxLength: 8 });

describe('the choice of assignee', () => {
  it('never picks an agent who is not eligible (offline when online is required, at capacity, past the hourly cap)', () => {
    fc.assert(
      fc.property(
        team,
        fc.constantFrom(...CHANNELS),
        agents,
        fc.option(fc.uuid()),
        (t, channel, list, last) => {
          const choice = chooseAssignee(t, channel, list, last);
          if (choice === null) return;
          const agent = list.find((a) => a.id === choice.agentId)!;
          expect(agent).toBeDefined();
          expect(isEligible(agent, channel, t)).toBe(true);
          if (t.onlyOnline) expect(agent.availability).toBe('online');
        },
      ),
    );
  });

  it('leaves the ticket waiting only when nobody is eligible, or the team assigns by hand', () => {
    fc.assert(
      fc.property(team, fc.constantFrom(...CHANNELS), agents, (t, channel, list) => {
        const choice = chooseAssignee(t, channel, list, null);
        const anyone = list.some((a) => isEligible(a, channel, t));
        expect(choice === null).toBe(t.mode === 'manual' || !anyone);
      }),
    );
  });

  it('balanced picks an agent with the lowest weighted load among the eligible', () => {
    fc.assert(
      fc.property(team, fc.constantFrom(...CHANNELS), agents, (t, channel, list) => {
        const choice = chooseAssignee({ ...t, mode: 'balanced' }, channel, list, null);
        if (!choice) return;
        const chosen = list.find((a) => a.id === choice.agentId)!;
        for (const a of list.filter((x) => isEligible(x, channel, t)))
          expect(weightedLoad(chosen, channel)).toBeLessThanOrEqual(weightedLoad(a, channel));
      }),
    );
  });

  it('round robin gives every eligible agent a turn before anyone gets a second', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 6 }), (ids) => {
        const list: AssignmentCandidate[] = ids.map((id) => ({
          id,
          availability: 'online',
          capacity: {},
          load: { total: 0, perChannel: {} },
          assignedLastHour: 0,
        }));
        const rr: TeamAssignment = { mode: 'round_robin', onlyOnline: true };
        let last: string | null = null;
        const picked: string[] = [];
        for (let i = 0; i < ids.length; i++) {
          last = chooseAssignee(rr, 'web_chat', list, last)!.agentId;
          picked.push(last);
        }
        expect(new Set(picked).size).toBe(ids.length);
      }),
    );
  });

  it('says why, with the new load against the limit', () => {
    const agent: AssignmentCandidate = {
      id: 'a',
      availability: 'online',
      capacity: { perChannel: { web_chat: 3 } },
      load: { total: 1, perChannel: { web_chat: 1 } },
      assignedLastHour: 0,
    };
    expect(chooseAssignee({ mode: 'round_robin', onlyOnline: true }, 'web_chat', [agent], null)).toEqual({
      agentId: 'a',
      reason: 'round robin; now 2 of 3 web_chat',
    });
  });
});
