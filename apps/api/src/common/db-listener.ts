import { Logger } from '@nestjs/common';
import pg from 'pg';

export interface DbListenerHandlers {
  /** A notification's payload, delivered after the notifying transaction committed. */
  onNotify(payload: string): void;
  /** The connection came back after a loss: notifications sent meanwhile are gone, so look again. */
  onReconnect?(): void;
}

/**
 * LISTENs on one PostgreSQL notification channel over a connection of its own (a pooled one
 * would be handed to other work). A lost connection is reopened with backoff, for as long as
 * the listener runs; nothing waits on it, so the database being away never blocks a caller.
 */
export class DbListener {
  private readonly logger = new Logger('DbListener');
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly options: pg.ClientConfig,
    private readonly channel: string,
    private readonly handlers: DbListenerHandlers,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
  }

  start(): void {
    void this.connect(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(again: boolean): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client(this.options);
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.failures++;
      const delay = Math.min(500 * 2 ** Math.min(this.failures - 1, 5), 15_000);
      if (err)
        this.logger.warn(`listening on ${this.channel} stopped (${err.message}); again in ${delay} ms`);
      this.retry = setTimeout(() => void this.connect(true), delay);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.handlers.onNotify(n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    if (again) this.handlers.onReconnect?.();
  }
}
