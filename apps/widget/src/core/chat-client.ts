import type { Socket } from 'socket.io-client';
import {
  becameCurrent,
  ChatStore,
  historyLoaded,
  mergeMessage,
  receive,
  statusChanged,
  type Availability,
  type ChatAttachment,
  type ChatMessage,
  type VisitorInfo,
} from './message-model.js';
import {
  postJson,
  startSession,
  type IdentityInput,
  type KeyValueStorage,
  type SessionInfo,
} from './session.js';
import { connectSocket, emitAck } from './socket.js';

type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: string };

interface LoadAck {
  visitor: VisitorInfo;
  current: { ticketId: string; status: string; seq: number; agentReadAt: string | null } | null;
  messages: ChatMessage[];
  availability: Availability | null;
}

export interface ChatClientOptions {
  api: string;
  accountId: string;
  storage: KeyValueStorage;
  identity?: IdentityInput;
  /** Injected in tests; the real socket.io client otherwise. */
  connect?: (api: string, accountId: string, token: string) => Socket;
}

let counter = 0;
function newClientId(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${counter}`;
}

/** The conversation for one visitor: session, socket events and commands, all into a ChatStore. */
export class ChatClient {
  readonly store = new ChatStore();
  private socket: Socket | null = null;
  private session: SessionInfo | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private typingSent = false;
  private starting: Promise<void> | null = null;

  constructor(private readonly options: ChatClientOptions) {}

  get accountId(): string {
    return this.options.accountId;
  }

  get token(): string | null {
    return this.session?.token ?? null;
  }

  /** Starts the session and the socket; concurrent and repeated calls share one start. */
  start(): Promise<void> {
    this.starting ??= this.connect().catch((err: unknown) => {
      this.starting = null;
      throw err;
    });
    return this.starting;
  }

  private async connect(): Promise<void> {
    const session = await startSession(
      this.options.api,
      this.options.accountId,
      this.options.storage,
      this.options.identity,
    );
    this.session = session;
    this.store.update({
      settings: session.settings,
      availability: session.availability,
      visitor: session.visitor,
    });
    const socket = (this.options.connect ?? connectSocket)(
      this.options.api,
      this.options.accountId,
      session.token,
    );
    this.socket = socket;
    socket.on('connect', () => {
      this.store.update({ connected: true });
      void this.load();
    });
    socket.on('disconnect', () => this.store.update({ connected: false, agentTyping: null }));
    socket.on('message', (p: { message: ChatMessage; clientId?: string }) => {
      this.store.update((s) => receive(s, p.message, p.clientId));
      if (this.store.state.open) this.markRead();
    });
    socket.on('typing', (p: { ticketId: string; name: string; active: boolean }) => {
      if (p.ticketId === this.store.state.ticketId)
        this.store.update({ agentTyping: p.active ? p.name : null });
    });
    socket.on('read', (p: { ticketId: string; by: string; at: string }) => {
      if (p.by === 'agent' && p.ticketId === this.store.state.ticketId)
        this.store.update({ agentReadAt: p.at });
    });
    socket.on('conversation.status', (p: { ticketId: string; status: string; seq?: number }) =>
      this.store.update((s) => statusChanged(s, p.ticketId, p.status, p.seq)),
    );
  }

  /** History on (re)connect: the server's messages replace what we had, pending ones stay. */
  async load(): Promise<void> {
    if (!this.socket) return;
    const ack = await emitAck<Ack<LoadAck>>(this.socket, 'conversation.load', {});
    if (!ack.ok) return;
    this.store.update((s) =>
      historyLoaded(
        {
          ...s,
          visitor: ack.visitor,
          availability: ack.availability ?? s.availability,
          agentReadAt: ack.current?.agentReadAt ?? null,
          // Messages still waiting for their acknowledgement stay on screen.
          messages: [...ack.messages, ...s.messages.filter((m) => m.clientId)],
        },
        ack.current,
      ),
    );
  }

  setOpen(open: boolean): void {
    this.store.update({ open, unread: open ? 0 : this.store.state.unread });
    if (open) {
      void this.start().catch((err: Error) => this.store.update({ notice: err.message }));
      this.markRead();
    }
  }

  markRead(): void {
    const { ticketId } = this.store.state;
    if (this.socket?.connected && ticketId) this.socket.emit('read', { ticketId });
  }

  /** Sends text (and uploaded files); shown at once as pending, confirmed by the server's ack. */
  async send(text: string, attachments: ChatAttachment[] = []): Promise<boolean> {
    const body = text.trim();
    if (!body && attachments.length === 0) return false;
    const clientId = newClientId();
    const pending: ChatMessage = {
      id: `pending:${clientId}`,
      clientId,
      ticketId: this.store.state.ticketId,
      direction: 'in',
      text: body,
      authorName: null,
      createdAt: new Date().toISOString(),
      state: null,
      attachments,
    };
    this.store.update((s) => ({ ...s, messages: mergeMessage(s.messages, pending) }));
    this.typing(false);
    let ack: Ack<{ ticketId: string; message: ChatMessage; status?: string; seq?: number }>;
    try {
      // A message typed while the session is still starting waits for it instead of being lost;
      // socket.io buffers the emit until the connection is up.
      await this.start();
      ack = await emitAck(this.socket!, 'message.send', {
        text: body,
        clientId,
        ticketId: this.store.state.ticketId,
        attachmentIds: attachments.map((a) => a.id),
      });
    } catch {
      // A code, not words: the view says it in the visitor's language.
      ack = { ok: false, error: 'connection_down' };
    }
    if (!ack.ok) {
      const error = ack.error;
      this.store.update((s) => ({
        ...s,
        messages: s.messages.map((m) =>
          m.clientId === clientId ? { ...m, failed: error.replace(/^[a-z_]+: /, '') } : m,
        ),
      }));
      return false;
    }
    this.store.update((s) => {
      const sent = becameCurrent(
        { ...s, messages: mergeMessage(s.messages, ack.message, clientId) },
        ack.ticketId,
      );
      // The status read after the send: a Solve that beat this acknowledgement is not missed.
      return ack.status ? statusChanged(sent, ack.ticketId, ack.status, ack.seq) : sent;
    });
    return true;
  }

  /** Typing on while keys are pressed, off after a pause or on send. */
  typing(active: boolean): void {
    const { ticketId } = this.store.state;
    if (this.typingTimer) clearTimeout(this.typingTimer);
    if (active) this.typingTimer = setTimeout(() => this.typing(false), 3000);
    if (!this.socket?.connected || !ticketId || active === this.typingSent) return;
    this.typingSent = active;
    this.socket.emit('typing', { ticketId, active });
  }

  async updateContact(fields: { name?: string; email?: string }): Promise<string | null> {
    if (!this.socket) await this.start();
    const ack = await emitAck<Ack<{ visitor: VisitorInfo }>>(this.socket!, 'contact.update', fields);
    if (!ack.ok) return ack.error;
    this.store.update((s) => ({ ...s, visitor: { ...(s.visitor as VisitorInfo), ...ack.visitor } }));
    return null;
  }

  /** Sends the CSAT answer (score and optional comment) once; null when stored, else the server's reason. */
  async rate(score: number, comment?: string): Promise<string | null> {
    const { ticketId } = this.store.state;
    if (!this.socket || !ticketId) return 'connection_down';
    const text = comment?.trim() || undefined;
    const ack = await emitAck<Ack>(this.socket, 'csat', { ticketId, score, comment: text });
    if (!ack.ok) return ack.error;
    this.store.update({ csat: 'done' });
    return null;
  }

  async transcript(email?: string): Promise<string | null> {
    const { ticketId } = this.store.state;
    if (!this.socket || !ticketId) return 'nothing_to_send';
    const ack = await emitAck<Ack>(this.socket, 'transcript', { ticketId, email });
    return ack.ok ? null : ack.error;
  }

  async upload(file: File): Promise<ChatAttachment> {
    if (!this.session) await this.start();
    const data = await readBase64(file);
    return postJson<ChatAttachment>(`${this.options.api}/api/widget/${this.options.accountId}/attachments`, {
      token: this.session!.token,
      filename: file.name,
      contentType: file.type,
      data,
    });
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }
}

function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
