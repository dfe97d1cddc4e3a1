import { io, type Socket } from 'socket.io-client';

/** The `/widget` socket: websocket only (no long-polling, so no CORS round trips from the host page). */
export function connectSocket(api: string, accountId: string, token: string): Socket {
  return io(`${api}/widget`, {
    auth: { accountId, token },
    transports: ['websocket'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
}

export function emitAck<T>(socket: Socket, event: string, body: unknown, timeoutMs = 15_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, body) as Promise<T>;
}
