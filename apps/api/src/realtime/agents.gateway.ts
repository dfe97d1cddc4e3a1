import { Inject, Logger, Optional } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { WIDGET_BRIDGE, type AgentSignals, type WidgetBridge } from '@switchboard/channel-chat';
import { canSeeTicket, rooms, ticketAudienceRooms, viewerRooms, type TicketScope } from '@switchboard/domain';
import type { Namespace, Socket } from 'socket.io';
import { AccessChanges } from '../auth/access-changes.js';
import { AuthService, type AuthenticatedViewer } from '../auth/auth.service.js';
import { SessionRevocations } from '../auth/session-revocations.js';
import { Db } from '../common/db.js';
import { TicketEventBus, type EventSink, type PendingEvent } from '../events/ticket-event-bus.js';
import { AvailabilityService } from '../routing/availability.service.js';
import { TicketQueries } from '../tickets/ticket-queries.js';
import { AgentConnections } from './agent-connections.js';
import { SessionExpiry } from './session-expiry.js';
import { TicketRoom } from './ticket-room.js';

/** Sent between nodes when one finds another dead. */
const RESEND_PRESENCE = 'resend-presence';

type AgentSocket = Socket & { data: { viewer: AuthenticatedViewer; viewing?: string } };

/** Each socket sits in its session's room, so ending a session reaches its sockets on every node. */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * `/agents`: authenticated by the same bearer token as REST. A socket joins only the rooms of
 * `viewerRooms`, and ticket events go only to `ticketAudienceRooms`: the two are the socket
 * form of `canSeeTicket`, so sockets and REST can never disagree on who sees what. The room of
 * an open ticket (presence, typing, the visitor's read receipts and survey) is narrowed to that
 * same audience on every send by `TicketRoom`.
 */
@WebSocketGateway({ namespace: '/agents', cors: { origin: false } })
export class AgentsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, EventSink, AgentSignals
{
  private readonly logger = new Logger('AgentsGateway');
  @WebSocketServer() private server!: Namespace;
  private ticketRoom!: TicketRoom;
  private readonly expiry = new SessionExpiry((sessionId) => this.sessionExpiresAt(sessionId));

  constructor(
    private readonly auth: AuthService,
    private readonly bus: TicketEventBus,
    private readonly tickets: TicketQueries,
    private readonly revocations: SessionRevocations,
    private readonly access: AccessChanges,
    private readonly db: Db,
    private readonly availability: AvailabilityService,
    private readonly connections: AgentConnections,
    @Optional() @Inject(WIDGET_BRIDGE) private readonly widget?: WidgetBridge,
  ) {}

  afterInit(): void {
    this.ticketRoom = new TicketRoom(this.server, (ticketId) => this.scopeOf(ticketId));
    this.bus.attachSink(this);
    this.widget?.attachAgents(this);
    this.server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      if (typeof token !== 'string' || token.length === 0)
        return next(new Error('unauthorized: a token is required'));
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
      if (sessionId) this.server.in(sessionRoom(sessionId)).disconnectSockets(true);
    });
    // A dead node's sockets are gone from every room: tell the viewers left who still looks. The
    // node that noticed asks every other node to do the same for the tickets their agents have open.
    this.connections.onPeerLost(() => {
      if (this.connections.sharedThroughRedis) this.server.serverSideEmit(RESEND_PRESENCE);
      this.resendPresence();
    });
    this.server.on(RESEND_PRESENCE, () => this.resendPresence());
    this.access.onScopeChanged(
      (userId) =>
        void this.moveToCurrentRooms(userId).catch((err) =>
          this.logger.warn(`could not move sockets of ${userId}: ${String(err)}`),
        ),
    );
  }

  /**
   * A role or team change moves the user's live sockets to the rooms of their new scope, on
   * every node, so they stop hearing a team they left (and start hearing the one they joined)
   * without reconnecting.
   */
  private async moveToCurrentRooms(userId: string): Promise<void> {
    const changedTickets = new Set<string>();
    for (const socket of await this.server.in(rooms.agent(userId)).fetchSockets()) {
      const data = socket.data as AgentSocket['data'];
      const viewer = await this.auth.viewerForSession(data.viewer.sessionId);
      if (!viewer) {
        socket.disconnect(true);
        continue;
      }
      const next = viewerRooms(viewer);
      for (const room of [...socket.rooms]) {
        if (room === socket.id || next.includes(room) || room === sessionRoom(data.viewer.sessionId))
          continue;
        // An open ticket's room stays only while that ticket is still visible.
        const ticketId = room.startsWith(rooms.ticket('')) ? room.slice(rooms.ticket('').length) : null;
        if (ticketId && (await this.tickets.findVisible(viewer, ticketId))) continue;
        socket.leave(room);
        if (ticketId) changedTickets.add(ticketId);
      }
      socket.join(next);
      const local = this.server.sockets.get(socket.id) as AgentSocket | undefined;
      if (local) local.data.viewer = viewer;
    }
    for (const ticketId of changedTickets) await this.ticketRoom.presence(ticketId);
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    await socket.join([...viewerRooms(socket.data.viewer), sessionRoom(socket.data.viewer.sessionId)]);
    this.availability.connected(socket.data.viewer.userId);
    this.connections.socketOpened(socket.data.viewer.userId);
    await this.expiry
      .watch(socket, socket.data.viewer.sessionId)
      .catch((err) => this.logger.warn(`session expiry of a socket not scheduled: ${String(err)}`));
  }

  handleDisconnect(socket: AgentSocket): void {
    this.expiry.forget(socket);
    const userId = socket.data.viewer?.userId;
    if (userId) this.connections.socketClosed(userId);
    if (userId)
      this.availability.disconnected(
        userId,
        async () => (await this.server.in(rooms.agent(userId)).fetchSockets()).length > 0,
      );
    if (socket.data.viewing) this.presence(socket.data.viewing);
  }

  deliver(event: PendingEvent): void {
    if (event.rooms) {
      // Addressed to particular agents (a mention): never the ticket's audience, never the widget.
      if (event.rooms.length) this.server.to(event.rooms).emit(event.name, event.payload);
      return;
    }
    this.server.to(ticketAudienceRooms(event.audience)).emit(event.name, event.payload);
    this.widget?.ticketEvent(event.name, event.payload);
    // A new team or assignee: whoever had the ticket open and lost it leaves its room now.
    const changes =
      event.name === 'ticket.updated' ? (event.payload as { changes?: object }).changes : undefined;
    if (changes && ('teamId' in changes || 'assigneeId' in changes))
      this.presence((event.payload as { ticketId: string }).ticketId);
  }

  /** The visitor typing, reading or rating: for the agents who have the ticket open and may see it. */
  ticketSignal(
    ticketId: string,
    name: 'typing' | 'visitor.read' | 'survey.received',
    payload: Record<string, unknown>,
  ): Promise<void> {
    return this.ticketRoom.emit(ticketId, name, payload);
  }

  private resendPresence(): void {
    const open = new Set<string>();
    for (const socket of this.server.sockets.values()) {
      const viewing = (socket as AgentSocket).data.viewing;
      if (viewing) open.add(viewing);
    }
    for (const ticketId of open) this.presence(ticketId);
  }

  /** Whether any agent has a socket on any node: the widget's "agents online". */
  agentsOnline(): Promise<boolean> {
    return this.connections.anyConnected();
  }

  /** Users with a live connection, on every node (the Redis adapter answers for the others); SLA dashboard. */
  async connectedUserIds(): Promise<Set<string>> {
    const sockets = await this.server.fetchSockets();
    return new Set(
      sockets.map((s) => (s.data as AgentSocket['data']).viewer?.userId).filter((id): id is string => !!id),
    );
  }

  /** Open connections on this node per namespace (agents, widget), for the metrics. */
  socketCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [name, nsp] of this.server?.server?._nsps ?? []) counts[name] = nsp.sockets.size;
    return counts;
  }

  /** Opening a ticket joins its room for presence and typing, after the same visibility check. */
  @SubscribeMessage('ticket.view')
  async view(
    @ConnectedSocket() socket: AgentSocket,
    @MessageBody() body: { ticketId?: string | null },
  ): Promise<{ ok: boolean; error?: string }> {
    const previous = socket.data.viewing;
    if (previous) {
      await socket.leave(rooms.ticket(previous));
      socket.data.viewing = undefined;
      this.presence(previous);
    }
    if (!body?.ticketId) return { ok: true };
    // Role and teams may have changed since the handshake: check with the current ones.
    const viewer = await this.auth.viewerForSession(socket.data.viewer.sessionId);
    if (!viewer) return { ok: false, error: 'not found' };
    const ticket = await this.tickets.findVisible(viewer, body.ticketId);
    if (!ticket) return { ok: false, error: 'not found' };
    socket.data.viewing = ticket.id;
    await socket.join(rooms.ticket(ticket.id));
    this.presence(ticket.id);
    this.widget?.agentViewing(ticket.id);
    return { ok: true };
  }

  /** Checked against the ticket's visibility now: the ticket may have left the agent since it was opened. */
  @SubscribeMessage('typing')
  async typing(
    @ConnectedSocket() socket: AgentSocket,
    @MessageBody() body: { ticketId?: string; kind?: 'reply' | 'note'; active?: boolean },
  ): Promise<{ ok: boolean; error?: string }> {
    const ticketId = body?.ticketId;
    if (!ticketId || !socket.rooms.has(rooms.ticket(ticketId))) return { ok: false };
    const [viewer, scope] = await Promise.all([
      this.auth.viewerForSession(socket.data.viewer.sessionId),
      this.scopeOf(ticketId),
    ]);
    if (!viewer || !scope || !canSeeTicket(viewer, scope)) {
      await socket.leave(rooms.ticket(ticketId));
      if (socket.data.viewing === ticketId) socket.data.viewing = undefined;
      this.presence(ticketId);
      return { ok: false, error: 'not found' };
    }
    const active = body.active !== false;
    await this.ticketRoom.emit(
      ticketId,
      'typing',
      {
        ticketId,
        userId: viewer.userId,
        name: viewer.name,
        kind: body.kind === 'note' ? 'note' : 'reply',
        active,
      },
      socket.id,
    );
    if (body.kind !== 'note') this.widget?.agentTyping(ticketId, viewer.name, active);
    return { ok: true };
  }

  private presence(ticketId: string): void {
    this.ticketRoom
      .presence(ticketId)
      .catch((err) => this.logger.warn(`presence of ${ticketId} failed: ${String(err)}`));
  }

  private async scopeOf(ticketId: string): Promise<TicketScope | null> {
    if (!/^[0-9a-f-]{36}$/i.test(ticketId)) return null;
    const row = await this.db.one<{ team_id: string | null; assignee_id: string | null }>(
      `SELECT team_id, assignee_id FROM tickets WHERE id = $1`,
      [ticketId],
    );
    return row ? { teamId: row.team_id, assigneeId: row.assignee_id } : null;
  }

  private async sessionExpiresAt(sessionId: string): Promise<Date | null> {
    const row = await this.db.one<{ expires_at: Date }>(
      `SELECT expires_at FROM sessions WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
    return row ? new Date(row.expires_at) : null;
  }
}
