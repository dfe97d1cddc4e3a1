import { randomUUID } from 'node:crypto';
import { Inject, Logger, Optional, UseInterceptors } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  ATTACHMENT_STORE,
  CHANNEL_ACCOUNT_DIRECTORY,
  CHANNEL_ADAPTER_REGISTRY,
  INGEST_PORT,
  SHARED_BUDGET,
  WEB_CHAT_STORE,
  type AttachmentStore,
  type ChannelAccountDirectory,
  type ChannelAccountRecord,
  type ChannelAdapterRegistry,
  type IngestPort,
  type SharedBudgetPort,
  type WebChatMessageView,
  type WebChatStore,
  type WebChatVisitor,
} from '@switchboard/channel-kit';
import { isUuid } from '@switchboard/contracts';
import type { Namespace, Socket } from 'socket.io';
import { DomainErrorAcks } from './domain-error-acks.interceptor.js';
import { hashVisitorToken } from './identity-verification.js';
import { defaultLimits, RateLimiter, type WidgetLimits } from './rate-limiter.js';
import { availability, originAllowed, readSettings, type Availability } from './web-chat-settings.js';
import { isEmail, widgetRooms, type AgentSignals, type WidgetBridge } from './widget-bridge.js';

interface VisitorData {
  visitor: WebChatVisitor;
  accountId: string;
  ip: string;
}
type VisitorSocket = Socket & { data: VisitorData };
type Ack<T = Record<string, unknown>> = ({ ok: true } & T) | { ok: false; error: string; status?: number };

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Contact address of a visitor on a chat account: a verified user keeps one across browsers. */
export function visitorAddress(v: WebChatVisitor): string {
  return v.external_user_id
    ? `${v.channel_account_id}:user:${v.external_user_id}`
    : `${v.channel_account_id}:visitor:${v.id}`;
}

/**
 * `/widget`: one visitor's conversations only. The handshake carries the account id and the
 * visitor token from `POST /api/widget/:accountId/session`; the page's Origin must be on the
 * account's allow-list. A socket joins its visitor room and the rooms of conversations
 * `WebChatStore.visible` grants, and every event naming a ticket is checked again.
 */
@WebSocketGateway({ namespace: '/widget', cors: { origin: true, credentials: false } })
@UseInterceptors(DomainErrorAcks)
export class WidgetGateway implements OnGatewayInit, OnGatewayConnection, WidgetBridge {
  private readonly logger = new Logger('WidgetGateway');
  @WebSocketServer() server!: Namespace;
  readonly limits: WidgetLimits = defaultLimits();
  private readonly visitorMessages = new RateLimiter(
    this.limits.visitorMessagesPerMinute,
    this.limits.visitorBurst,
  );
  private readonly ipMessages = new RateLimiter(this.limits.ipMessagesPerMinute, this.limits.ipBurst);
  readonly ipSessions = new RateLimiter(this.limits.ipSessionsPerMinute, this.limits.ipSessionBurst);
  private readonly typingLimiter = new RateLimiter(120, 20);
  /** Set by the agents' gateway; until then (or without it) nothing reaches agents. */
  private agents: AgentSignals | null = null;

  constructor(
    @Inject(WEB_CHAT_STORE) private readonly store: WebChatStore,
    @Inject(INGEST_PORT) private readonly ingest: IngestPort,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) private readonly accounts: ChannelAccountDirectory,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
    @Inject(ATTACHMENT_STORE) private readonly files: AttachmentStore,
    @Optional() @Inject(SHARED_BUDGET) private readonly shared?: SharedBudgetPort,
  ) {}

  /**
   * A visitor's (and an address's) messages: the token bucket of this node first, then a budget
   * per minute that every node counts against, so reconnecting to other nodes gains nothing. The
   * shared budget is what one node's bucket lets through in a minute (the burst plus the rate).
   */
  private async messageAllowed(visitorId: string, ip: string): Promise<boolean> {
    if (!this.visitorMessages.take(visitorId) || !this.ipMessages.take(ip)) return false;
    const { visitorMessagesPerMinute: perVisitor, ipMessagesPerMinute: perIp } = this.limits;
    if (
      perVisitor > 0 &&
      (await this.spendShared('widget-visitor', perVisitor + this.limits.visitorBurst, visitorId))
    )
      return false;
    if (perIp > 0 && (await this.spendShared('widget-ip', perIp + this.limits.ipBurst, ip))) return false;
    return true;
  }

  /** New chat sessions from one address, as `messageAllowed` does for messages. */
  async sessionAllowed(ip: string): Promise<boolean> {
    if (!this.ipSessions.take(`session:${ip}`)) return false;
    const perMinute = this.limits.ipSessionsPerMinute;
    return !(
      perMinute > 0 && (await this.spendShared('widget-sessions', perMinute + this.limits.ipSessionBurst, ip))
    );
  }

  /** True when the key is over its shared budget; without the port (a lone node) never. */
  private async spendShared(bucket: string, limit: number, key: string): Promise<boolean> {
    if (!this.shared) return false;
    return (await this.shared.spend({ bucket, limit, windowMs: 60_000 }, key)) > 0;
  }

  afterInit(): void {
    this.server.use((socket, next) => {
      const auth = (socket.handshake.auth ?? {}) as { accountId?: unknown; token?: unknown };
      const ip = socket.handshake.address;
      if (
        typeof auth.accountId !== 'string' ||
        !isUuid(auth.accountId) ||
        typeof auth.token !== 'string' ||
        auth.token.length > 200
      )
        return next(new Error('unauthorized: accountId and token are required'));
      if (!this.ipSessions.take(`conn:${ip}`))
        return next(new Error('rate_limited: too many connections from this address'));
      const token = auth.token;
      this.accounts
        .get(auth.accountId)
        .then(async (account) => {
          if (!account || account.kind !== 'web_chat' || !account.active)
            return next(new Error('unauthorized: unknown chat account'));
          if (!originAllowed(readSettings(account.config), socket.handshake.headers.origin))
            return next(new Error('forbidden: this site may not embed the chat'));
          const visitor = await this.store.visitorByToken(account.id, hashVisitorToken(token));
          if (!visitor) return next(new Error('unauthorized: the visitor token is invalid'));
          (socket as VisitorSocket).data = { visitor, accountId: account.id, ip };
          next();
        })
        .catch((err) => {
          this.logger.warn(`widget handshake failed: ${(err as Error).message}`);
          next(new Error('server error'));
        });
    });
  }

  async handleConnection(socket: VisitorSocket): Promise<void> {
    if (!socket.data?.visitor) return;
    const conversations = await this.store.conversations(socket.data.visitor);
    await socket.join([
      widgetRooms.visitor(socket.data.visitor.id),
      ...conversations.map((c) => widgetRooms.conversation(c.ticketId)),
    ]);
  }

  /** Agents on every node count; without the agents' gateway, only this node's sockets can. */
  async agentsOnline(): Promise<boolean> {
    if (this.agents) return this.agents.agentsOnline();
    return this.server.server.of('/agents').sockets.size > 0;
  }

  async availabilityOf(account: ChannelAccountRecord): Promise<Availability> {
    return availability(readSettings(account.config), await this.agentsOnline());
  }

  /** History on (re)open: the visitor's conversations and the messages of the latest one (or the one asked for). */
  @SubscribeMessage('conversation.load')
  async load(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: { ticketId?: string } | undefined,
  ): Promise<Ack> {
    const { visitor } = socket.data;
    const conversations = await this.store.conversations(visitor);
    const wanted = body?.ticketId
      ? conversations.find((c) => c.ticketId === body.ticketId)
      : conversations[0];
    if (body?.ticketId && !wanted) return { ok: false, error: 'not found' };
    const account = await this.accounts.get(socket.data.accountId);
    return {
      ok: true,
      visitor: {
        id: visitor.id,
        name: visitor.name,
        email: visitor.email,
        verified: !!visitor.external_user_id,
      },
      conversations,
      current: wanted ?? null,
      messages: wanted ? await this.store.messages(wanted.ticketId) : [],
      availability: account ? await this.availabilityOf(account) : null,
    };
  }

  @SubscribeMessage('message.send')
  async send(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody()
    body: { text?: unknown; clientId?: unknown; ticketId?: unknown; attachmentIds?: unknown } | undefined,
  ): Promise<Ack<{ ticketId: string; message: WebChatMessageView; status?: string; seq?: number }>> {
    const { visitor, ip, accountId } = socket.data;
    const text = typeof body?.text === 'string' ? body.text.replace(/\r\n/g, '\n').trim() : '';
    const attachmentIds = Array.isArray(body?.attachmentIds)
      ? body.attachmentIds.filter((x): x is string => typeof x === 'string').slice(0, 5)
      : [];
    if (typeof body?.clientId !== 'string' || !CLIENT_ID.test(body.clientId))
      return { ok: false, error: 'clientId is required (letters, digits, - and _)' };
    if (!text && attachmentIds.length === 0) return { ok: false, error: 'text is required' };
    if (text.length > this.limits.maxTextChars)
      return { ok: false, error: `message_too_long: at most ${this.limits.maxTextChars} characters` };
    if (!(await this.messageAllowed(visitor.id, ip)))
      return { ok: false, error: 'rate_limited: slow down and try again in a moment' };

    const files = await this.store.unsentAttachments(visitor, attachmentIds);
    let hint: string | undefined;
    if (typeof body.ticketId === 'string' && (await this.store.visible(visitor, body.ticketId)))
      hint = body.ticketId;
    else hint = (await this.store.conversations(visitor, 1))[0]?.ticketId;
    const lines = files.map((f) => `📎 ${f.filename} — /api/widget/attachments/${f.id}/${f.accessKey}`);
    const result = await this.ingest.ingest({
      channelAccountId: accountId,
      externalId: `widget:${visitor.id}:${body.clientId}`,
      from: {
        kind: 'web_chat',
        address: visitorAddress(visitor),
        name: visitor.name ?? undefined,
        verified: !!visitor.external_user_id,
      },
      text: [text, ...lines].filter(Boolean).join('\n'),
      ticketHint: hint ? { ticketId: hint } : undefined,
      attachments: files.map((f) => ({
        filename: f.filename,
        contentType: f.contentType,
        size: f.size,
        storageKey: f.storageKey,
      })),
      meta: { widget: { visitorId: visitor.id, origin: socket.handshake.headers.origin ?? null } },
    });
    if (!(await this.store.claimConversation(visitor, result.ticketId)))
      return { ok: false, error: 'the conversation could not be continued' };
    // In the room before anything else is awaited: a status change published from now on
    // reaches this visitor, and the one committed before is read into the acknowledgement.
    const room = widgetRooms.conversation(result.ticketId);
    this.server.in(widgetRooms.visitor(visitor.id)).socketsJoin(room);
    if (!result.duplicate)
      await this.store.attachToMessage(
        files.map((f) => f.id),
        result.ticketId,
        result.messageId,
      );
    if (visitor.email) await this.store.linkEmail(result.ticketId, visitor.email, !!visitor.external_user_id);
    const { message, status, seq } = (await this.store.sentMessage(result.messageId))!;
    // The client id lets the sender's tab swap its pending copy even when this broadcast beats the ack.
    this.server.to(room).emit('message', { ticketId: result.ticketId, message, clientId: body.clientId });
    return { ok: true, ticketId: result.ticketId, message, status, seq };
  }

  /** Pre-chat and offline forms: name and email for replies. Never grants access to anything. */
  @SubscribeMessage('contact.update')
  async updateContact(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: { name?: unknown; email?: unknown } | undefined,
  ): Promise<Ack> {
    const name = typeof body?.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 120) : null;
    if (body?.email !== undefined && body.email !== '' && !isEmail(body.email))
      return { ok: false, error: 'email is not a valid address' };
    const email = isEmail(body?.email) ? body.email.trim().toLowerCase() : null;
    socket.data.visitor = await this.store.updateVisitor(socket.data.visitor.id, { name, email });
    if (email)
      for (const c of await this.store.conversations(socket.data.visitor))
        if (c.status !== 'closed')
          await this.store.linkEmail(c.ticketId, email, !!socket.data.visitor.external_user_id);
    return {
      ok: true,
      visitor: {
        id: socket.data.visitor.id,
        name: socket.data.visitor.name,
        email: socket.data.visitor.email,
      },
    };
  }

  @SubscribeMessage('typing')
  async typing(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: { ticketId?: unknown; active?: unknown } | undefined,
  ): Promise<Ack> {
    const { visitor } = socket.data;
    if (typeof body?.ticketId !== 'string' || !this.typingLimiter.take(visitor.id))
      return { ok: false, error: 'ignored' };
    if (!(await this.store.visible(visitor, body.ticketId))) return { ok: false, error: 'not found' };
    const active = body.active !== false;
    this.signalAgents(body.ticketId, 'typing', {
      ticketId: body.ticketId,
      userId: `visitor:${visitor.id}`,
      name: visitor.name ?? 'Visitor',
      kind: 'reply',
      active,
      visitor: true,
    });
    return { ok: true };
  }

  @SubscribeMessage('read')
  async read(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: { ticketId?: unknown } | undefined,
  ): Promise<Ack> {
    if (typeof body?.ticketId !== 'string' || !(await this.store.visible(socket.data.visitor, body.ticketId)))
      return { ok: false, error: 'not found' };
    const at = await this.store.markVisitorRead(body.ticketId);
    this.signalAgents(body.ticketId, 'visitor.read', { ticketId: body.ticketId, at });
    socket
      .to(widgetRooms.conversation(body.ticketId))
      .emit('read', { ticketId: body.ticketId, by: 'visitor', at });
    return { ok: true, at };
  }

  @SubscribeMessage('csat')
  async csat(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: { ticketId?: unknown; score?: unknown; comment?: unknown } | undefined,
  ): Promise<Ack> {
    const score = Number(body?.score);
    if (!Number.isInteger(score) || score < 1 || score > 5)
      return { ok: false, error: 'score must be a whole number from 1 to 5' };
    if (typeof body?.ticketId !== 'string' || !(await this.store.visible(socket.data.visitor, body.ticketId)))
      return { ok: false, error: 'not found' };
    const comment =
      typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim().slice(0, 2000) : null;
    const outcome = await this.store.saveSurvey(body.ticketId, score, comment);
    if (outcome === 'not_solved') return { ok: false, error: 'the conversation is not finished yet' };
    this.signalAgents(body.ticketId, 'survey.received', {
      ticketId: body.ticketId,
      kind: 'csat',
      score,
      comment,
    });
    return { ok: true };
  }

  /**
   * A copy of the conversation by email, through the email channel linked to this chat account.
   * It goes only to the conversation's address (given in the pre-chat or offline form, or by the
   * host site for a verified user), never to one typed into the request, and a few times a day
   * at most: otherwise anyone could have the site mail strangers.
   */
  @SubscribeMessage('transcript')
  async transcript(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: { ticketId?: unknown; email?: unknown } | undefined,
  ): Promise<Ack> {
    const { visitor, accountId } = socket.data;
    if (typeof body?.ticketId !== 'string' || !(await this.store.visible(visitor, body.ticketId)))
      return { ok: false, error: 'not found' };
    const conversation = await this.store.conversationOf(body.ticketId);
    const to = conversation?.visitorEmail?.toLowerCase() ?? null;
    const asked =
      typeof body.email === 'string' && body.email.trim() ? body.email.trim().toLowerCase() : null;
    if (asked && asked !== to)
      return {
        ok: false,
        status: 403,
        error:
          'forbidden: a transcript is sent only to the email address given for this conversation (in the chat form)',
      };
    if (!to)
      return {
        ok: false,
        status: 400,
        error: 'an email address is required: leave it in the chat form first',
      };
    if (!this.visitorMessages.take(visitor.id))
      return { ok: false, status: 429, error: 'rate_limited: slow down and try again in a moment' };
    const account = await this.accounts.get(accountId);
    const emailAccountId = account ? readSettings(account.config).emailAccountId : null;
    const emailAccount = emailAccountId ? await this.accounts.get(emailAccountId) : null;
    const emailAdapter = this.adapters.get('email');
    if (!emailAccount || emailAccount.kind !== 'email' || !emailAdapter)
      return { ok: false, error: 'transcripts by email are not available on this site' };
    const perDay = this.limits.transcriptsPerConversationPerDay;
    const reservation = await this.store.reserveTranscript(body.ticketId, to, perDay);
    if (!reservation)
      return {
        ok: false,
        status: 429,
        error: `rate_limited: at most ${perDay} transcripts of a conversation a day`,
      };
    const lines = (await this.store.messages(body.ticketId, 1000)).map(
      (m) =>
        `[${m.createdAt.slice(0, 16).replace('T', ' ')}] ${m.direction === 'in' ? (visitor.name ?? 'You') : m.authorName}: ${m.text}`,
    );
    const id = randomUUID();
    try {
      await emailAdapter.send(emailAccount, {
        messageId: id,
        idempotencyKey: id,
        ticketId: body.ticketId,
        ticketNumber: conversation?.number ?? 0,
        subject: `Transcript of your chat: ${conversation?.subject ?? ''}`.trim(),
        to: { kind: 'email', address: to, name: visitor.name },
        text: lines.join('\n\n'),
        attempt: 1,
      });
    } catch (err) {
      this.logger.warn(`transcript to ${to} failed: ${(err as Error).message}`);
      await this.store.releaseTranscript(reservation);
      return { ok: false, error: 'the transcript could not be sent; please try again later' };
    }
    return { ok: true };
  }

  /** Delivers an agent's reply to the visitor's open widgets; the number of sockets reached. */
  async deliverReply(ticketId: string, message: WebChatMessageView): Promise<number> {
    const room = widgetRooms.conversation(ticketId);
    const sockets = await this.server.in(room).fetchSockets();
    if (sockets.length > 0) this.server.to(room).emit('message', { ticketId, message });
    return sockets.length;
  }

  // ── WidgetBridge: called by the agents' gateway ──

  attachAgents(agents: AgentSignals): void {
    this.agents = agents;
  }

  /** The visitor's acknowledgement does not wait for the agents' side to fan out. */
  private signalAgents(
    ticketId: string,
    name: Parameters<AgentSignals['ticketSignal']>[1],
    payload: Record<string, unknown>,
  ): void {
    this.agents
      ?.ticketSignal(ticketId, name, payload)
      .catch((err) => this.logger.warn(`${name} to agents failed: ${(err as Error).message}`));
  }

  ticketEvent(name: string, payload: unknown): void {
    if (name !== 'ticket.updated') return;
    const { ticketId, seq, changes } = payload as {
      ticketId: string;
      seq: number;
      changes?: { status?: string };
    };
    if (changes?.status)
      this.server
        .to(widgetRooms.conversation(ticketId))
        .emit('conversation.status', { ticketId, status: changes.status, seq });
  }

  agentTyping(ticketId: string, agentName: string, active: boolean): void {
    this.server.to(widgetRooms.conversation(ticketId)).emit('typing', { ticketId, name: agentName, active });
  }

  agentViewing(ticketId: string): void {
    void this.store
      .markAgentRead(ticketId)
      .then((at) => {
        if (at)
          this.server.to(widgetRooms.conversation(ticketId)).emit('read', { ticketId, by: 'agent', at });
      })
      .catch((err) => this.logger.warn(`agent read receipt failed: ${(err as Error).message}`));
  }

  /** Saves an upload for a visitor (the HTTP controller calls this after its checks). */
  async saveUpload(
    visitor: WebChatVisitor,
    file: { filename: string; contentType: string; bytes: Buffer },
    accessKey: string,
  ) {
    if (!this.visitorMessages.take(`upload:${visitor.id}`)) return null;
    const stored = await this.files.save(file);
    return this.store.saveAttachment(visitor, {
      storageKey: stored.storageKey!,
      filename: stored.filename,
      contentType: stored.contentType,
      size: stored.size,
      accessKey,
    });
  }
}
