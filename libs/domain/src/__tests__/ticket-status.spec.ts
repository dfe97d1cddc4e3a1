import { canTransition, statusAfter, TICKET_STATUSES, type TicketStatus } from '../ticket-status.js';

describe('ticket status transitions', () => {
  const agentAllowed: Record<TicketStatus, TicketStatus[]> = {
    new: ['open', 'pending', 'on_hold', 'solved', 'closed'],
    open: ['pending', 'on_hold', 'solved', 'closed'],
    pending: ['open', 'on_hold', 'solved', 'closed'],
    on_hold: ['open', 'pending', 'solved', 'closed'],
    solved: ['open', 'pending', 'closed'],
    closed: [],
  };
  const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('an agent moving %s → %s is allowed only when the table says so', (from, to) => {
    expect(canTransition(from, to, 'agent')).toBe(agentAllowed[from].includes(to));
  });

  it('a closed ticket can never be reopened by anyone', () => {
    for (const to of TICKET_STATUSES) {
      for (const trigger of ['agent', 'customer_message', 'agent_reply', 'system'] as const) {
        expect(canTransition('closed', to, trigger)).toBe(false);
      }
    }
  });

  it.each([
    ['pending', 'open'],
    ['solved', 'open'],
    ['new', 'new'],
    ['on_hold', 'on_hold'],
    ['closed', null],
  ] as const)('a customer message moves %s to %s', (from, to) => {
    expect(statusAfter(from, 'customer_message')).toBe(to);
  });

  it('an agent reply opens a new ticket and leaves pending as it is', () => {
    expect(statusAfter('new', 'agent_reply')).toBe('open');
    expect(statusAfter('pending', 'agent_reply')).toBe('pending');
  });

  it('the system closes solved tickets and ends holds, nothing else', () => {
    const allowed = pairs.filter(([f, t]) => canTransition(f, t, 'system'));
    expect(allowed).toEqual([
      ['on_hold', 'open'],
      ['solved', 'closed'],
    ]);
  });
});
