import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AvailabilityView } from '@switchboard/contracts';
import { notFound, type Availability } from '@switchboard/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Db } from '../common/db.js';
import { TicketEventBus } from '../events/ticket-event-bus.js';
import { recordAvailabilityChange } from './routing-signals.js';

/**
 * Whether an agent is online, away or offline, stored on their user row so every node agrees.
 * A change is an outbox event: agents hear it on their sockets and the auto-assignment engine
 * reacts to it (an agent coming online picks up waiting tickets).
 */
@Injectable()
export class AvailabilityService implements OnApplicationShutdown {
  private readonly logger = new Logger('Availability');
  private readonly offlineTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly db: Db,
    private readonly bus: TicketEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sets the status; `onlyIf` makes it conditional (a connect turns only an offline agent online). */
  async set(userId: string, status: Availability, onlyIf?: Availability): Promise<AvailabilityView> {
    let pending = null;
    const view = await this.db.tx(async (sql) => {
      const [row] = await sql.query<{ before: Availability; changed_at: Date | null }>(
        `SELECT availability AS before, availability_changed_at AS changed_at FROM users WHERE id = $1 AND active FOR NO KEY UPDATE`,
        [userId],
      );
      if (!row) throw notFound('user not found');
      if (row.before === status || (onlyIf && row.before !== onlyIf))
        return { userId, status: row.before, changedAt: (row.changed_at ?? new Date(0)).toISOString() };
      const [updated] = await sql.query<{ changed_at: Date }>(
        `UPDATE users SET availability = $2, availability_changed_at = now() WHERE id = $1 RETURNING availability_changed_at AS changed_at`,
        [userId, status],
      );
      const changed = { userId, status, changedAt: updated.changed_at.toISOString() };
      pending = await recordAvailabilityChange(sql, changed);
      return changed;
    });
    if (pending) this.bus.publish([pending]);
    return view;
  }

  /** A socket of the agent connected on this node: an offline agent is online again. */
  connected(userId: string): void {
    const timer = this.offlineTimers.get(userId);
    if (timer) clearTimeout(timer);
    this.offlineTimers.delete(userId);
    this.set(userId, 'online', 'offline').catch((err: Error) =>
      this.logger.warn(`could not mark ${userId} online: ${err.message}`),
    );
  }

  /**
   * A socket of the agent closed on this node. After the grace period (a page reload, a network
   * blip), an agent with no socket left on any node is offline; `stillConnected` asks every node.
   */
  disconnected(userId: string, stillConnected: () => Promise<boolean>): void {
    const previous = this.offlineTimers.get(userId);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => {
      this.offlineTimers.delete(userId);
      stillConnected()
        .then((connected) => (connected ? undefined : this.set(userId, 'offline')))
        .catch((err: Error) => this.logger.warn(`could not mark ${userId} offline: ${err.message}`));
    }, this.config.availabilityGraceMs);
    timer.unref();
    this.offlineTimers.set(userId, timer);
  }

  onApplicationShutdown(): void {
    for (const timer of this.offlineTimers.values()) clearTimeout(timer);
  }
}
