import { io, type Socket } from 'socket.io-client';
import type { QueryClient } from '@tanstack/react-query';
import type { AgentServerEvents, MessageView, Page, TicketView, UserView } from '@switchboard/contracts';
import { api, toQuery } from './api-client';
import { endpoints } from './endpoints';
import { queryKeys } from './query-keys';
import { addMessage, findCachedTicket, patchTicket, upsertTicket } from './ticket-cache';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Remembers each ticket's last sequence number, to spot missed events. */
export class SeqTracker {
  private readonly last = new Map<string, number>();

  /**
   * 'gap' when events were skipped, 'stale' for an event older than what we hold. The API sends
   * every event of one change (message.created, ticket.updated…) with the same seq, so an equal
   * seq is another part of the newest change, not a repeat.
   */
  observe(ticketId: string, seq: number): 'ok' | 'gap' | 'stale' {
    const known = this.last.get(ticketId);
    if (known !== undefined && seq < known) return 'stale';
    if (known === seq) return 'ok';
    this.last.set(ticketId, seq);
    return known !== undefined && seq > known + 1 ? 'gap' : 'ok';
  }

  /** Records the state read over REST; never moves backwards. */
  note(ticketId: string, seq: number): void {
    if (!Number.isFinite(seq)) return;
    const known = this.last.get(ticketId);
    if (known === undefined || seq > known) this.last.set(ticketId, seq);
  }
}

export interface PresenceState {
  viewers: { userId: string; name: string }[];
  typing: { userId: string; name: string; kind: 'reply' | 'note' }[];
}

type MessageListener = (message: MessageView, ticket: TicketView | undefined) => void;
type TicketListener = (
  event: 'created' | 'updated',
  ticket: TicketView | undefined,
  changes: Partial<TicketView>,
  ticketId: string,
) => void;

export interface LiveOptions {
  queryClient: QueryClient;
  me: UserView;
  token: string;
  /** Injected in tests; production connects socket.io-client to the `/agents` namespace. */
  connect?: (token: string) => Socket;
  /** Injected in tests; production pages through `GET /api/tickets?since=`. */
  fetchChangedSince?: (since: string) => Promise<TicketView[]>;
  resyncDelayMs?: number;
  /** The wait before asking again after a failed resync; it doubles up to 30 s. */
  resyncRetryMs?: number;
}

/** How far back a resync reaches before the newest server time seen, for clock and commit skew. */
const SINCE_MARGIN_MS = 30_000;
const RESYNC_RETRY_MAX_MS = 30_000;

export async function fetchChangedSince(since: string): Promise<TicketView[]> {
  const changed: TicketView[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<TicketView> = await api.get<Page<TicketView>>(
      `${endpoints.tickets}${toQuery({ since, cursor, limit: 200 })}`,
    );
    changed.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && changed.length < 5_000);
  return changed;
}

/**
 * The live connection: applies socket events to the query cache, notices gaps and reconnects,
 * and then asks the REST API what changed meanwhile, so nobody has to press reload.
 */
export class LiveUpdates {
  readonly seq = new SeqTracker();
  private socket: Socket | null = null;
  private status: LiveStatus = 'connecting';
  private everConnected = false;
  private newestServerTime = 0;
  private readonly startedAt = Date.now();
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private resyncDueAt = 0;
  private resyncRetryMs = 0;
  private countsTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly statusListeners = new Set<() => void>();
  private readonly messageListeners = new Set<MessageListener>();
  private readonly ticketListeners = new Set<TicketListener>();
  private readonly slaListeners = new Set<
    (name: 'sla.warning' | 'sla.breached', e: AgentServerEvents['sla.breached']) => void
  >(); // the supervisor dashboard hears warnings and breaches as they happen
  private readonly mentionListeners = new Set<(e: AgentServerEvents['mention']) => void>();
  private readonly notificationListeners = new Set<(e: AgentServerEvents['notification.created']) => void>();
  private readonly presence = new Map<string, PresenceState>();
  private readonly presenceListeners = new Set<() => void>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private viewing: string | null = null;

  constructor(private readonly options: LiveOptions) {}

  start(): void {
    const connect =
      this.options.connect ?? ((token: string) => io(endpoints.socketNamespace, { auth: { token } }));
    const socket = connect(this.options.token);
    this.socket = socket;
    socket.on('connect', () => {
      this.everConnected = true;
      this.setStatus('live');
      if (this.viewing) socket.emit('ticket.view', { ticketId: this.viewing });
      // Also on the first connect: what changed between the first REST reads and joining the
      // rooms was sent to nobody, so a list read late would hold a ticket its count read early lacks.
      void this.resync();
    });
    socket.on('disconnect', (reason: string) => {
      this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
      // The server hung up on purpose (the account was disabled, or its access changed):
      // socket.io will not retry. A request tells which: a 401 signs out, otherwise reconnect.
      if (reason === 'io server disconnect') void this.resync().then(() => this.socket?.connect());
    });
    socket.on('connect_error', () => this.setStatus(this.everConnected ? 'reconnecting' : 'connecting'));
    socket.on('ticket.created', (e: AgentServerEvents['ticket.created']) => this.onTicketCreated(e));
    socket.on('ticket.updated', (e: AgentServerEvents['ticket.updated']) => this.onTicketUpdated(e));
    socket.on('message.created', (e: AgentServerEvents['message.created']) => this.onMessageCreated(e));
    socket.on('message.updated', (e: AgentServerEvents['message.updated']) => this.onMessageUpdated(e));
    // Listeners (the supervisor dashboard) hear warnings and breaches as well.
    socket.on(
      'sla.warning',
      (e: AgentServerEvents['sla.warning']) => (
        this.onSeqOnly(e.ticketId, e.seq),
        this.slaListeners.forEach((l) => l('sla.warning', e))
      ),
    );
    socket.on(
      'sla.breached',
      (e: AgentServerEvents['sla.breached']) => (
        this.onSeqOnly(e.ticketId, e.seq),
        this.slaListeners.forEach((l) => l('sla.breached', e))
      ),
    );
    // A colleague @mentioned me in a note: addressed to my room only, no ticket seq.
    socket.on('mention', (e: AgentServerEvents['mention']) => this.mentionListeners.forEach((l) => l(e)));
    socket.on('notification.created', (e: AgentServerEvents['notification.created']) =>
      this.notificationListeners.forEach((l) => l(e)),
    );
    // A merge, its undo or a split moved messages: the ticket, its timeline and its links reload.
    socket.on('ticket.timeline_moved', (e: AgentServerEvents['ticket.timeline_moved']) => {
      this.onSeqOnly(e.ticketId, e.seq);
      void this.options.queryClient.invalidateQueries({ queryKey: queryKeys.ticket(e.ticketId) });
      void this.options.queryClient.invalidateQueries({ queryKey: queryKeys.timeline(e.ticketId) });
      void this.options.queryClient.invalidateQueries({ queryKey: queryKeys.ticketLinks(e.ticketId) });
    });
    socket.on('presence', (e: AgentServerEvents['presence']) => this.onPresence(e));
    socket.on('typing', (e: AgentServerEvents['typing']) => this.onTyping(e));
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onWake);
      document.addEventListener('visibilitychange', this.onWake);
    }
  }

  stop(): void {
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onWake);
      document.removeEventListener('visibilitychange', this.onWake);
    }
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.countsTimer) clearTimeout(this.countsTimer);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  getStatus = (): LiveStatus => this.status;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  onMessage(listener: MessageListener): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onTicket(listener: TicketListener): () => void {
    this.ticketListeners.add(listener);
    return () => this.ticketListeners.delete(listener);
  }

  /** SLA warnings and breaches as they arrive. */
  onSla(
    listener: (name: 'sla.warning' | 'sla.breached', e: AgentServerEvents['sla.breached']) => void,
  ): () => void {
    this.slaListeners.add(listener);
    return () => this.slaListeners.delete(listener);
  }

  /** Mentions of me in colleagues' internal notes. */
  onMention(listener: (e: AgentServerEvents['mention']) => void): () => void {
    this.mentionListeners.add(listener);
    return () => this.mentionListeners.delete(listener);
  }

  /** My notifications as they are created (the bell). */
  onNotification(listener: (e: AgentServerEvents['notification.created']) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  getPresence = (ticketId: string): PresenceState | undefined => this.presence.get(ticketId);

  subscribePresence = (listener: () => void): (() => void) => {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  };

  /** Tells colleagues which ticket this agent has open. */
  view(ticketId: string | null): void {
    if (this.viewing === ticketId) return;
    this.viewing = ticketId;
    // One ticket at a time: viewing another (or null) leaves the previous one on the server.
    this.socket?.emit('ticket.view', { ticketId });
  }

  typing(ticketId: string, kind: 'reply' | 'note', active: boolean): void {
    this.socket?.emit('typing', { ticketId, kind, active });
  }

  /** Records seq and server time read over REST, so gaps and resyncs are measured from it. */
  noteTicket(ticket: TicketView): void {
    this.seq.note(ticket.id, ticket.seq);
    this.noteServerTime(ticket.updatedAt);
  }

  /** Fetches every ticket changed since the newest server time seen and refreshes what shows it. */
  async resync(): Promise<void> {
    if (this.resyncTimer) {
      clearTimeout(this.resyncTimer);
      this.resyncTimer = null;
    }
    const base = this.newestServerTime || this.startedAt;
    const since = new Date(base - SINCE_MARGIN_MS).toISOString();
    const { queryClient, me } = this.options;
    try {
      const changed = await (this.options.fetchChangedSince ?? fetchChangedSince)(since);
      for (const ticket of changed) {
        this.noteTicket(ticket);
        upsertTicket(queryClient, ticket, me);
        void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(ticket.id) });
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.queueCounts() });
      this.resyncRetryMs = 0;
    } catch {
      // The request may have met a node that was dying or a proxy with no healthy node yet. What
      // changed meanwhile is still unknown and no event may come to reveal it, so ask again while
      // connected (a reconnect resyncs anyway), waiting longer each time.
      this.resyncRetryMs = Math.min(
        Math.max(this.resyncRetryMs * 2, this.options.resyncRetryMs ?? 1_000),
        RESYNC_RETRY_MAX_MS,
      );
      if (this.socket?.connected) this.scheduleResync(this.resyncRetryMs);
    }
  }

  private readonly onWake = (): void => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    if (this.socket && !this.socket.connected) this.socket.connect();
    else if (this.socket?.connected) this.scheduleResync();
  };

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }

  private noteServerTime(iso: string | null | undefined): void {
    const time = iso ? Date.parse(iso) : NaN;
    if (Number.isFinite(time) && time > this.newestServerTime) this.newestServerTime = time;
  }

  private scheduleResync(delayMs = this.options.resyncDelayMs ?? 250): void {
    // A gap while a failed resync waits out its backoff: events arrive again, so ask sooner.
    const dueAt = Date.now() + delayMs;
    if (this.resyncTimer && this.resyncDueAt <= dueAt) return;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncDueAt = dueAt;
    this.resyncTimer = setTimeout(() => void this.resync(), delayMs);
  }

  private refreshCountsSoon(): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      void this.options.queryClient.invalidateQueries({ queryKey: queryKeys.queueCounts() });
    }, 1_000);
  }

  /** Returns false for events older than what the cache already holds. */
  private track(ticketId: string, seq: number): boolean {
    if (typeof seq !== 'number') return true;
    const result = this.seq.observe(ticketId, seq);
    if (result === 'gap') this.scheduleResync();
    return result !== 'stale';
  }

  private onSeqOnly(ticketId: string, seq: number): void {
    if (this.track(ticketId, seq))
      void this.options.queryClient.invalidateQueries({ queryKey: queryKeys.ticket(ticketId) });
  }

  private onTicketCreated(event: AgentServerEvents['ticket.created']): void {
    this.track(event.ticket.id, event.seq);
    this.noteServerTime(event.ticket.updatedAt);
    upsertTicket(this.options.queryClient, event.ticket, this.options.me);
    this.refreshCountsSoon();
    for (const listener of this.ticketListeners)
      listener('created', event.ticket, event.ticket, event.ticket.id);
  }

  private onTicketUpdated(event: AgentServerEvents['ticket.updated']): void {
    if (!this.track(event.ticketId, event.seq)) return;
    this.noteServerTime(event.changes.updatedAt);
    const { queryClient, me } = this.options;
    if (!patchTicket(queryClient, event.ticketId, event.changes, me)) {
      // Not loaded anywhere (say, just assigned to me): read it once and place it where it belongs.
      void api
        .get<TicketView>(endpoints.ticket(event.ticketId))
        .then((ticket) => upsertTicket(queryClient, ticket, me))
        .catch(() => undefined);
    }
    // Events (held, transferred, acknowledged…) reach the timeline over REST only; an open one refetches.
    void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(event.ticketId) });
    this.refreshCountsSoon();
    const ticket = findCachedTicket(queryClient, event.ticketId);
    for (const listener of this.ticketListeners) listener('updated', ticket, event.changes, event.ticketId);
  }

  private onMessageCreated(event: AgentServerEvents['message.created']): void {
    this.track(event.ticketId, event.seq);
    const { queryClient, me } = this.options;
    this.noteServerTime(event.message.createdAt);
    addMessage(queryClient, { ...event.message, ticketId: event.message.ticketId || event.ticketId });
    patchTicket(queryClient, event.ticketId, { lastMessageAt: event.message.createdAt }, me);
    const ticket = findCachedTicket(queryClient, event.ticketId);
    for (const listener of this.messageListeners) listener(event.message, ticket);
  }

  /** Delivery state changes (queued → sent, failed with the reason) replace the message in place. */
  private onMessageUpdated(event: AgentServerEvents['message.updated']): void {
    this.track(event.ticketId, event.seq);
    addMessage(this.options.queryClient, {
      ...event.message,
      ticketId: event.message.ticketId || event.ticketId,
    });
  }

  private onPresence(event: AgentServerEvents['presence']): void {
    const current = this.presence.get(event.ticketId) ?? { viewers: [], typing: [] };
    this.presence.set(event.ticketId, { ...current, viewers: event.viewers });
    for (const listener of this.presenceListeners) listener();
  }

  private onTyping(event: AgentServerEvents['typing']): void {
    if (event.userId === this.options.me.id) return;
    const current = this.presence.get(event.ticketId) ?? { viewers: [], typing: [] };
    const others = current.typing.filter((t) => t.userId !== event.userId);
    const typing = event.active
      ? [...others, { userId: event.userId, name: event.name, kind: event.kind }]
      : others;
    this.presence.set(event.ticketId, { ...current, typing });
    const key = `${event.ticketId}:${event.userId}`;
    clearTimeout(this.typingTimers.get(key));
    // A lost "stopped typing" event must not leave the indicator on forever.
    if (event.active)
      this.typingTimers.set(
        key,
        setTimeout(() => this.onTyping({ ...event, active: false }), 8_000),
      );
    for (const listener of this.presenceListeners) listener();
  }
}
