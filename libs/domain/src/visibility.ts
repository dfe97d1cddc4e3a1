/** The one rule for who may see a ticket, used by REST queries and socket fan-out alike. */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  readonly userId: string;
  readonly role: Role;
  readonly teamIds: readonly string[];
}

export interface TicketScope {
  readonly teamId: string | null;
  readonly assigneeId: string | null;
}

/** Supervisors and admins see every ticket; agents see their teams' tickets and those assigned to them. */
export function canSeeTicket(viewer: Viewer, ticket: TicketScope): boolean {
  if (viewer.role !== 'agent') return true;
  if (ticket.assigneeId !== null && ticket.assigneeId === viewer.userId) return true;
  return ticket.teamId !== null && viewer.teamIds.includes(ticket.teamId);
}

/** Socket.io room names; recipients of a ticket event are exactly the rooms of its scope. */
export const rooms = {
  team: (teamId: string) => `team:${teamId}`,
  agent: (userId: string) => `agent:${userId}`,
  ticket: (ticketId: string) => `ticket:${ticketId}`,
  supervisors: 'supervisors',
} as const;

/** The rooms whose members may see this ticket: the same rule as `canSeeTicket`, as rooms. */
export function ticketAudienceRooms(ticket: TicketScope): string[] {
  const out: string[] = [rooms.supervisors];
  if (ticket.teamId) out.push(rooms.team(ticket.teamId));
  if (ticket.assigneeId) out.push(rooms.agent(ticket.assigneeId));
  return out;
}

/** The rooms a connected viewer joins, so that room membership equals `canSeeTicket`. */
export function viewerRooms(viewer: Viewer): string[] {
  if (viewer.role !== 'agent') return [rooms.supervisors, rooms.agent(viewer.userId)];
  return [rooms.agent(viewer.userId), ...viewer.teamIds.map(rooms.team)];
}
