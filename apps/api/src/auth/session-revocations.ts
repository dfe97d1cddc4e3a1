import { Injectable } from '@nestjs/common';

type Listener = (target: { sessionId?: string; userId?: string }) => void;

/** Lets the socket gateway drop live connections the moment their session ends. */
@Injectable()
export class SessionRevocations {
  private readonly listeners = new Set<Listener>();

  onRevoke(listener: Listener): void {
    this.listeners.add(listener);
  }

  sessionRevoked(sessionId: string): void {
    for (const l of this.listeners) l({ sessionId });
  }

  userRevoked(userId: string): void {
    for (const l of this.listeners) l({ userId });
  }
}
