import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './test-app.js';

export const SITE = 'http://shop.localhost:8080';

export interface Visitor {
  token: string;
  id: string;
  socket: Socket;
  events: Array<{ name: string; payload: any }>;
  emit<T = any>(event: string, body?: unknown): Promise<T>;
}

export async function createChatAccount(
  t: TestApp,
  config: Record<string, unknown> = {},
  teamId: string | null = null,
): Promise<string> {
  const res = await t.request('POST', '/api/admin/channel-accounts', {
    token: await t.adminToken(),
    body: {
      kind: 'web_chat',
      name: 'Website chat',
      teamId,
      config: { allowedOrigins: [SITE], greeting: 'Hello there', ...config },
    },
  });
  if (res.status !== 201)
    throw new Error(`create web_chat account: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export function startSession(
  t: TestApp,
  accountId: string,
  body: Record<string, unknown> = {},
  origin = SITE,
) {
  // The widget posts JSON as text/plain: a simple cross-origin request without a preflight.
  return t.request('POST', `/api/widget/${accountId}/session`, {
    raw: JSON.stringify(body),
    headers: { origin, 'content-type': 'text/plain;charset=UTF-8' },
  });
}

export function connectWidget(t: TestApp, accountId: string, token: string, origin = SITE): Promise<Socket> {
  const socket = io(`${t.url}/widget`, {
    auth: { accountId, token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export async function visitor(
  t: TestApp,
  accountId: string,
  body: Record<string, unknown> = {},
  sockets: Socket[] = [],
): Promise<Visitor> {
  const session = await startSession(t, accountId, body);
  if (session.status !== 200) throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
  const socket = await connectWidget(t, accountId, session.body.token);
  sockets.push(socket);
  const events: Visitor['events'] = [];
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  return {
    token: session.body.token,
    id: session.body.visitor.id,
    socket,
    events,
    emit: (event, payload) => socket.timeout(10_000).emitWithAck(event, payload ?? {}),
  };
}

let seq = 0;
export function clientId(): string {
  return `c${Date.now().toString(36)}${(seq++).toString(36)}`;
}
