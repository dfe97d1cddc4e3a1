import { rooms, ticketAudienceRooms, type TicketScope } from '@switchboard/domain';
import type { Namespace, RemoteSocket } from 'socket.io';
import type { AuthenticatedViewer } from '../auth/auth.service.js';

type ViewerData = { viewer: AuthenticatedViewer; viewing?: string };
type RoomSocket = RemoteSocket<Record<string, never>, ViewerData>;

/**
 * Whether a socket, by the rooms it is in, may hear about a ticket: `canSeeTicket` in room form.
 * A socket's team, agent and supervisors rooms always follow its user's current scope.
 */
export function inTicketAudience(socketRooms: Iterable<string>, ticket: TicketScope): boolean {
  const audience = new Set(ticketAudienceRooms(ticket));
  for (const room of socketRooms) if (audience.has(room)) return true;
  return false;
}

/**
 * The room of agents who have a ticket open: presence, typing, read receipts, surveys. Opening
 * the ticket is checked once, but the ticket's team or assignee and the agent's teams or role
 * can change while it stays open, so every send looks at the ticket's scope now and reaches
 * only the members still in its audience; the others are dropped from the room on the way, on
 * whichever node they are connected (the Redis adapter answers for the others).
 */
export class TicketRoom {
  constructor(
    private readonly server: Namespace,
    private readonly scopeOf: (ticketId: string) => Promise<TicketScope | null>,
  ) {}

  /** Sends to the ticket's viewers who may still see it; `exceptSocketId` is the sender. */
  async emit(ticketId: string, name: string, payload: unknown, exceptSocketId?: string): Promise<void> {
    const { allowed, dropped } = await this.members(ticketId);
    const ids = allowed.map((s) => s.id).filter((id) => id !== exceptSocketId);
    if (ids.length) this.server.to(ids).emit(name, payload);
    // Someone who was dropped no longer counts as looking at the ticket.
    if (dropped) this.sendPresence(ticketId, allowed);
  }

  /** Tells the ticket's viewers who has it open; also run after its team or assignee changed. */
  async presence(ticketId: string): Promise<void> {
    this.sendPresence(ticketId, (await this.members(ticketId)).allowed);
  }

  private sendPresence(ticketId: string, allowed: RoomSocket[]): void {
    if (allowed.length === 0) return;
    const viewers = new Map<string, string>();
    for (const s of allowed) if (s.data.viewer) viewers.set(s.data.viewer.userId, s.data.viewer.name);
    const payload = { ticketId, viewers: [...viewers].map(([userId, name]) => ({ userId, name })) };
    this.server.to(allowed.map((s) => s.id)).emit('presence', payload);
  }

  /** The room's sockets on every node that may see the ticket now; the others leave the room. */
  private async members(ticketId: string): Promise<{ allowed: RoomSocket[]; dropped: boolean }> {
    const room = rooms.ticket(ticketId);
    const [scope, members] = await Promise.all([
      this.scopeOf(ticketId),
      this.server.in(room).fetchSockets() as Promise<RoomSocket[]>,
    ]);
    const allowed: RoomSocket[] = [];
    let dropped = false;
    for (const socket of members) {
      if (scope && inTicketAudience(socket.rooms, scope)) {
        allowed.push(socket);
        continue;
      }
      socket.leave(room);
      dropped = true;
    }
    return { allowed, dropped };
  }
}
