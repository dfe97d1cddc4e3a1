import type { Socket } from 'socket.io';
import { sessionEnd } from '../auth/session-end.js';

/** setTimeout's longest delay; a later expiry is re-checked when this one fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** What the socket is told before the server hangs up, so the console can say why. */
export const SESSION_EXPIRED = sessionEnd('session_expired');

/**
 * Ends an agent socket when its session expires, as REST starts answering 401 at that moment.
 * The expiry is read when the socket connects and read again when the timer fires, so a session
 * whose expiry moved is followed, and one that ended meanwhile is not kept open.
 */
export class SessionExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly expiresAt: (sessionId: string) => Promise<Date | null>) {}

  async watch(socket: Socket, sessionId: string): Promise<void> {
    this.forget(socket);
    if (socket.disconnected) return;
    const at = await this.expiresAt(sessionId);
    if (socket.disconnected) return;
    const delay = at ? at.getTime() - Date.now() : 0;
    if (delay <= 0) {
      socket.emit('session.ended', SESSION_EXPIRED);
      socket.disconnect(true);
      return;
    }
    const timer = setTimeout(
      () => void this.watch(socket, sessionId).catch(() => socket.disconnect(true)),
      Math.min(delay, MAX_DELAY_MS),
    );
    timer.unref();
    this.timers.set(socket.id, timer);
  }

  forget(socket: Socket): void {
    const timer = this.timers.get(socket.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(socket.id);
  }
}
