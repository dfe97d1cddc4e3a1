/** Ticket lifecycle. `pending` waits on the customer; `on_hold` waits on us or a third party. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * Who or what moves a ticket. Agents choose statuses; customers move tickets only by writing;
 * the system closes solved tickets and ends expired holds.
 */
export type TicketTrigger = 'agent' | 'customer_message' | 'agent_reply' | 'system';

/** Allowed transitions by trigger, as a table (not an if-chain) so it can be tested exhaustively. */
const TRANSITIONS: Record<TicketTrigger, Partial<Record<TicketStatus, readonly TicketStatus[]>>> = {
  agent: {
    new: ['open', 'pending', 'on_hold', 'solved', 'closed'],
    open: ['pending', 'on_hold', 'solved', 'closed'],
    pending: ['open', 'on_hold', 'solved', 'closed'],
    on_hold: ['open', 'pending', 'solved', 'closed'],
    solved: ['open', 'pending', 'closed'],
    closed: [],
  },
  // A customer writing wakes a ticket that waits on them, and reopens a solved one.
  customer_message: {
    new: ['new'],
    open: ['open'],
    pending: ['open'],
    on_hold: ['on_hold'],
    solved: ['open'],
  },
  // An agent's reply to a new ticket means someone is on it.
  agent_reply: {
    new: ['open'],
    open: ['open'],
    pending: ['pending'],
    on_hold: ['on_hold'],
    solved: ['solved'],
  },
  system: { solved: ['closed'], on_hold: ['open'] },
};

export function canTransition(from: TicketStatus, to: TicketStatus, trigger: TicketTrigger): boolean {
  if (from === to && trigger === 'agent') return false;
  return TRANSITIONS[trigger][from]?.includes(to) ?? false;
}

/** The status a ticket takes when a trigger with a single outcome happens (customer message, agent reply). */
export function statusAfter(
  from: TicketStatus,
  trigger: 'customer_message' | 'agent_reply',
): TicketStatus | null {
  const next = TRANSITIONS[trigger][from];
  return next && next.length > 0 ? next[0] : null;
}

export function isOpenStatus(status: TicketStatus): boolean {
  return status !== 'solved' && status !== 'closed';
}
