/** The widget's conversation state and the pure rules that change it; no DOM, no sockets. */
export interface ChatAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}

export interface ChatMessage {
  id: string;
  ticketId: string | null;
  direction: 'in' | 'out';
  text: string;
  authorName: string | null;
  createdAt: string;
  state: string | null;
  attachments: ChatAttachment[];
  /** Answer buttons under a bot's question; pressing one sends its value. */
  choices?: Array<{ label: string; value: string }>;
  /** Set while a visitor's message waits for the server's acknowledgement. */
  clientId?: string;
  failed?: string;
}

export interface Availability {
  open: boolean;
  agentsOnline: boolean;
  nextOpenAt: string | null;
}

export interface PublicSettings {
  title: string;
  greeting: string;
  offlineMessage: string;
  colors: { primary: string; text: string };
  position: 'right' | 'left';
  preChat: { name: 'off' | 'optional' | 'required'; email: 'off' | 'optional' | 'required' };
  identityVerification: boolean;
  transcripts: boolean;
}

export interface VisitorInfo {
  id: string;
  name: string | null;
  email: string | null;
  verified: boolean;
}

export interface ChatState {
  open: boolean;
  connected: boolean;
  settings: PublicSettings | null;
  availability: Availability | null;
  visitor: VisitorInfo | null;
  ticketId: string | null;
  status: string | null;
  /**
   * The newest status heard for each of the visitor's conversations, by the ticket's seq: a
   * status can arrive before its conversation is current (a Solve racing the first message's
   * acknowledgement) and after a newer one (an acknowledgement read before the Solve).
   */
  statuses: Record<string, { status: string; seq: number }>;
  messages: ChatMessage[];
  /** Name of the agent typing right now. */
  agentTyping: string | null;
  /** When an agent last opened the conversation (read receipt for the visitor's messages). */
  agentReadAt: string | null;
  unread: number;
  csat: 'none' | 'asked' | 'done';
  notice: string | null;
}

export const initialState: ChatState = {
  open: false,
  connected: false,
  settings: null,
  availability: null,
  visitor: null,
  ticketId: null,
  status: null,
  statuses: {},
  messages: [],
  agentTyping: null,
  agentReadAt: null,
  unread: 0,
  csat: 'none',
  notice: null,
};

const ATTACHMENT_LINE = /^📎 .* — \/api\/widget\/attachments\/[0-9a-f-]{36}\/[\w-]+$/;

/** The text to show: the attachment links the server adds for agents are shown as files instead. */
export function visibleText(message: Pick<ChatMessage, 'text' | 'attachments'>): string {
  if (message.attachments.length === 0) return message.text;
  return message.text
    .split('\n')
    .filter((line) => !ATTACHMENT_LINE.test(line))
    .join('\n');
}

function byTime(a: ChatMessage, b: ChatMessage): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/**
 * Adds or replaces a message: the same id once (a broadcast and an acknowledgement both bring
 * it), and a confirmed message replaces its pending copy by client id.
 */
export function mergeMessage(list: ChatMessage[], message: ChatMessage, clientId?: string): ChatMessage[] {
  const rest = list.filter((m) => m.id !== message.id && (!clientId || m.clientId !== clientId));
  return [...rest, message].sort(byTime);
}

/**
 * A new message from the server; unread counts agent messages that arrive while the window is
 * closed. `clientId` names the pending copy this message confirms (the sender's own broadcast).
 */
export function receive(state: ChatState, message: ChatMessage, clientId?: string): ChatState {
  const known = state.messages.some((m) => m.id === message.id);
  const messages = mergeMessage(state.messages, message, clientId);
  const unread = !known && message.direction === 'out' && !state.open ? state.unread + 1 : state.unread;
  const next = {
    ...state,
    messages,
    unread,
    agentTyping: message.direction === 'out' ? null : state.agentTyping,
  };
  return message.ticketId ? becameCurrent(next, message.ticketId) : next;
}

function asked(state: ChatState, status: string): ChatState['csat'] {
  const finished = status === 'solved' || status === 'closed';
  return finished && state.csat === 'none' ? 'asked' : finished ? state.csat : 'none';
}

/** The conversation the visitor's messages go to now, with the newest status heard for it. */
export function becameCurrent(state: ChatState, ticketId: string): ChatState {
  if (state.ticketId === ticketId) return state;
  const status = state.statuses[ticketId]?.status ?? 'new';
  return { ...state, ticketId, status, csat: asked({ ...state, csat: 'none' }, status) };
}

/**
 * A conversation's status from the server; `seq` orders it against what was already heard
 * (one without a seq, from an older server, always counts).
 */
export function statusChanged(state: ChatState, ticketId: string, status: string, seq?: number): ChatState {
  const heard = state.statuses[ticketId];
  if (heard && seq !== undefined && heard.seq >= seq) return state;
  const statuses = { ...state.statuses, [ticketId]: { status, seq: seq ?? heard?.seq ?? 0 } };
  if (state.ticketId !== ticketId) return { ...state, statuses };
  return { ...state, statuses, status, csat: asked(state, status) };
}

/**
 * The conversation a (re)connect's history read names as current: its status counts unless a
 * newer one was already heard by event; a CSAT answer given stays given.
 */
export function historyLoaded(
  state: ChatState,
  current: { ticketId: string; status: string; seq: number } | null,
): ChatState {
  if (!current) return { ...state, ticketId: null, status: null, csat: 'none' };
  const { statuses } = statusChanged(state, current.ticketId, current.status, current.seq);
  const { status } = statuses[current.ticketId];
  const answered: ChatState['csat'] = state.csat === 'done' ? 'done' : 'none';
  return {
    ...state,
    statuses,
    ticketId: current.ticketId,
    status,
    csat: asked({ ...state, csat: answered }, status),
  };
}

/** Whether to show the offline form: outside business hours, or no agent online. */
export function isOffline(state: ChatState): boolean {
  return !!state.availability && (!state.availability.open || !state.availability.agentsOnline);
}

/** Whether the visitor's message was seen by an agent. */
export function isReadByAgent(state: ChatState, message: ChatMessage): boolean {
  return (
    message.direction === 'in' &&
    !!state.agentReadAt &&
    !message.clientId &&
    message.createdAt <= state.agentReadAt
  );
}

export type Listener = (state: ChatState) => void;

/** A tiny observable store: the view subscribes, the client updates. */
export class ChatStore {
  private listeners = new Set<Listener>();
  constructor(public state: ChatState = initialState) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(change: Partial<ChatState> | ((s: ChatState) => ChatState)): void {
    this.state = typeof change === 'function' ? change(this.state) : { ...this.state, ...change };
    for (const l of this.listeners) l(this.state);
  }
}
