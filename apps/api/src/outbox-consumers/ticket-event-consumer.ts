import type { OnModuleInit } from '@nestjs/common';
import type { Sql } from '../common/db.js';
import type { TicketTx, TicketWriter } from '../tickets/ticket-writer.js';
import type { OutboxConsumer, OutboxEvent } from './outbox-consumer.js';
import type { OutboxConsumers } from './outbox-consumers.service.js';

/**
 * The batch frame every consumer that writes tickets shares: it registers itself, joins the
 * ticket writer to the consumer's transaction (so its writes commit with the cursor move) and,
 * once that committed, publishes what the batch queued before its own follow-up (webhooks).
 * A subclass sees the whole batch at once, so it can read what it needs for all of it in a few
 * statements rather than a few per event.
 */
export abstract class TicketEventConsumer implements OutboxConsumer, OnModuleInit {
  abstract readonly name: string;
  abstract readonly topics: readonly string[];
  readonly batchSize: number = 200;

  protected constructor(
    private readonly consumers: OutboxConsumers,
    protected readonly writer: TicketWriter,
  ) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  async handle(sql: Sql, events: OutboxEvent[]): Promise<() => void> {
    const tx = this.writer.join(sql);
    const followUp = await this.handleBatch(tx, events);
    return () => {
      this.writer.afterCommit(tx);
      followUp?.();
    };
  }

  /** The batch's work in the consumer's transaction; what to do once it committed, if anything. */
  protected abstract handleBatch(tx: TicketTx, events: OutboxEvent[]): Promise<(() => void) | void>;
}

/** The distinct tickets a batch names, in first-seen order. */
export function ticketIdsOf(events: readonly OutboxEvent[]): string[] {
  return [...new Set(events.map((e) => e.ticketId).filter((id): id is string => !!id))];
}
