import { Injectable } from '@nestjs/common';

type Listener = (userId: string) => void;

/**
 * Tells the socket gateway that a user's role or teams changed, so their live connections
 * move to the rooms of the new scope. REST needs no such signal: every request reads the
 * role and teams afresh from the database (tokens are opaque, nothing is baked into them).
 */
@Injectable()
export class AccessChanges {
  private readonly listeners = new Set<Listener>();

  onScopeChanged(listener: Listener): void {
    this.listeners.add(listener);
  }

  scopeChanged(userId: string): void {
    for (const l of this.listeners) l(userId);
  }
}
