import { Inject, Logger, Optional } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { WIDGET_BRIDGE, type WidgetBridge } from '@switchboard/channel-chat';
import { rooms, ticketAudienceRooms, viewerRooms } from '@switchboard/domain';
import type { Namespace, Socket } from 'socket.io';
import { AccessChanges } from '../auth/access-changes.js';
import { AuthService, type AuthenticatedViewer } from '../auth/auth.service.js';
import { SessionRevocations } from '../auth/session-revocations.js';
import { TicketEventBus, type EventSink, type PendingEvent } from '../events/ticket-event-bus.js';
import { TicketQueries } from '../tickets/ticket-queries.js';

type AgentSocket = Socket & { data: { viewer: AuthenticatedViewer; viewing?: string } };

/**
 * `/agents`: authenticated by the same bearer token as REST. A socket joins only the rooms of
 * `viewerRooms`, and ticket events go only to `ticketAudienceRooms`: the two are the socket
 * form of `canSeeTicket`, so sockets and REST can never disagree on who sees what.
 */
@WebSocketGateway({ namespace: '/agents', cors: { origin: false } })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, EventSink {
  private readonly logger = new Logger('AgentsGateway');
  @WebSocketServer() private server!: Namespace;

  constructor(
    private readonly auth: AuthService,
    private readonly bus: TicketEventBus,
    private readonly tickets: TicketQueries,
    private readonly revocations: SessionRevocations,
    private readonly access: AccessChanges,
    @Optional() @Inject(WIDGET_BRIDGE) private readonly widget?: WidgetBridge,
  ) {}

  afterInit(): void {
    this.bus.attachSink(this);
    this.server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      if (typeof token !== 'string' || token.length === 0) return next(new Error('unauthorized: a token is required'));
      this.auth
        .viewerForToken(token)
        .then((viewer) => {
          if (!viewer) return next(new Error('unauthorized: the token is invalid or has expired'));
          (socket as AgentSocket).data.viewer = viewer;
          next();
        })
        .catch(() => next(new Error('server error')));
    });
    this.revocations.onRevoke(({ sessionId, userId }) => {
      // A user's sockets all sit in their agent room: through the Redis adapter this reaches every node.
      if (userId) this.server.in(rooms.agent(userId)).disconnectSockets(true);
      if (!sessionId) return;
      for (const socket of this.server.sockets.values()) {
        if ((socket as AgentSocket).data.viewer?.sessionId === sessionId) socket.disconnect(true);
      }
    });
    this.access.onScopeChanged((userId) => void this.moveToCurrentRooms(userId).catch((err) => this.logger.warn(`could not move sockets of ${userId}: ${String(err)}`)));
  }

  /**
   * A role or team change moves the user's live sockets to the rooms of their new scope, on
   * every node, so they stop hearing a team they left (and start hearing the one they joined)
   * without reconnecting.
   */
  private async moveToCurrentRooms(userId: string): Promise<void> {
    for (const socket of await this.server.in(rooms.agent(userId)).fetchSockets()) {
      const data = socket.data as AgentSocket['data'];
      const viewer = await this.auth.viewerForSession(data.viewer.sessionId);
      if (!viewer) {
        socket.disconnect(true);
        continue;
      }
      const next = viewerRooms(viewer);
      // The open ticket's room stays only while that ticket is still visible.
      const keepTicket = data.viewing && (await this.tickets.findVisible(viewer, data.viewing)) ? rooms.ticket(data.viewing) : null;
      for (const room of socket.rooms) if (room !== socket.id && room !== keepTicket && !next.includes(room)) socket.leave(room);
      socket.join(next);
      const local = this.server.sockets.get(socket.id) as AgentSocket | undefined;
      if (local) local.data.viewer = viewer;
    }
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    await socket.join(viewerRooms(socket.data.viewer));
  }

  handleDisconnect(socket: AgentSocket): void {
    if (socket.data.viewing) this.broadcastPresence(socket.data.viewing);
  }

  deliver(event: PendingEvent): void {
    if (event.rooms) {
      // Addressed to particular agents (a mention): never the ticket's audience, never the widget.
      if (event.rooms.length) this.server.to(event.rooms).emit(event.name, event.payload);
      return;
    }
    this.server.to(ticketAudienceRooms(event.audience)).emit(event.name, event.payload);
    this.widget?.ticketEvent(event.name, event.payload);
  }

  /** Users with a live connection, on every node (the Redis adapter answers for the others); SLA dashboard (#5). */
  async connectedUserIds(): Promise<Set<string>> {
    const sockets = await this.server.fetchSockets();
    return new Set(sockets.map((s) => (s.data as AgentSocket['data']).viewer?.userId).filter((id): id is string => !!id));
  }

  /** Opening a ticket joins its room for presence and typing, after the same visibility check. */
  @SubscribeMessage('ticket.view')
  async view(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { ticketId?: string | null }): Promise<{ ok: boolean; error?: string }> {
    const previous = socket.data.viewing;
    if (previous) {
      await socket.leave(rooms.ticket(previous));
      socket.data.viewing = undefined;
      this.broadcastPresence(previous);
    }
    if (!body?.ticketId) return { ok: true };
    // Role and teams may have changed since the handshake: check with the current ones.
    const viewer = await this.auth.viewerForSession(socket.data.viewer.sessionId);
    if (!viewer) return { ok: false, error: 'not found' };
    const ticket = await this.tickets.findVisible(viewer, body.ticketId);
    if (!ticket) return { ok: false, error: 'not found' };
    socket.data.viewing = ticket.id;
    await socket.join(rooms.ticket(ticket.id));
    this.broadcastPresence(ticket.id);
    this.widget?.agentViewing(ticket.id);
    return { ok: true };
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { ticketId?: string; kind?: 'reply' | 'note'; active?: boolean }): { ok: boolean } {
    if (!body?.ticketId || socket.data.viewing !== body.ticketId) return { ok: false };
    const { viewer } = socket.data;
    socket.to(rooms.ticket(body.ticketId)).emit('typing', { ticketId: body.ticketId, userId: viewer.userId, name: viewer.name, kind: body.kind === 'note' ? 'note' : 'reply', active: body.active !== false });
    if (body.kind !== 'note') this.widget?.agentTyping(body.ticketId, viewer.name, body.active !== false);
    return { ok: true };
  }

  private broadcastPresence(ticketId: string): void {
    const viewers = new Map<string, string>();
    for (const socket of this.server.sockets.values()) {
      const s = socket as AgentSocket;
      if (s.data.viewing === ticketId) viewers.set(s.data.viewer.userId, s.data.viewer.name);
    }
    const payload = { ticketId, viewers: [...viewers].map(([userId, name]) => ({ userId, name })) };
    this.server.to(rooms.ticket(ticketId)).emit('presence', payload);
  }
}
