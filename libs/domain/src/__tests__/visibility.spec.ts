import { canSeeTicket, ticketAudienceRooms, viewerRooms, type Viewer } from '../visibility.js';

const agentA: Viewer = { userId: 'u1', role: 'agent', teamIds: ['A'] };
const supervisor: Viewer = { userId: 's1', role: 'supervisor', teamIds: [] };

describe('who may see a ticket', () => {
  it.each([
    [{ teamId: 'A', assigneeId: null }, true],
    [{ teamId: 'B', assigneeId: null }, false],
    [{ teamId: 'B', assigneeId: 'u1' }, true],
    [{ teamId: null, assigneeId: null }, false],
    [{ teamId: null, assigneeId: 'u2' }, false],
  ])('an agent of team A seeing %o: %s', (ticket, expected) => {
    expect(canSeeTicket(agentA, ticket)).toBe(expected);
  });

  it('supervisors see every ticket', () => {
    expect(canSeeTicket(supervisor, { teamId: 'Z', assigneeId: null })).toBe(true);
  });

  it('socket rooms give exactly the same answer as the REST rule', () => {
    const viewers: Viewer[] = [agentA, supervisor, { userId: 'u2', role: 'agent', teamIds: ['A', 'B'] }];
    const tickets = [null, 'A', 'B'].flatMap((teamId) =>
      [null, 'u1', 'u2'].map((assigneeId) => ({ teamId, assigneeId })),
    );
    for (const v of viewers) {
      for (const t of tickets) {
        const shared = viewerRooms(v).some((r) => ticketAudienceRooms(t).includes(r));
        expect(shared).toBe(canSeeTicket(v, t));
      }
    }
  });
});
