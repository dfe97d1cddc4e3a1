import { Injectable, type OnModuleInit } from '@nestjs/common';
import { WEBHOOK_EVENTS } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import type { OutboxConsumer, OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

/** The id a receiver sees for an outbox event: the same on every attempt and every webhook. */
export const webhookEventId = (outboxId: string) => `evt_${outboxId}`;

/**
 * Turns committed outbox events into one delivery per subscribed, enabled webhook. The rows are
 * written in the consumer's transaction, with the cursor move: a crash before the commit replays
 * the batch (nothing lost) and the unique (webhook, event) key makes any replay a no-op (nothing
 * doubled). The body is fixed here, so every attempt sends the same bytes.
 */
@Injectable()
export class WebhookEventConsumer implements OutboxConsumer, OnModuleInit {
  readonly name = 'webhooks';
  readonly topics = WEBHOOK_EVENTS;
  readonly batchSize = 200;

  constructor(
    private readonly consumers: OutboxConsumers,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  async handle(sql: Sql, events: OutboxEvent[]): Promise<(() => void) | void> {
    const hooks = await sql.query<{ id: string; events: string[] }>(
      `SELECT id, events FROM webhooks WHERE enabled AND events && $1::text[]`,
      [[...new Set(events.map((e) => e.topic))]],
    );
    if (hooks.length === 0) return;
    const createdAt = new Date().toISOString();
    const rows: Array<[string, string, string, string]> = [];
    for (const event of events) {
      const id = webhookEventId(event.id);
      const body = JSON.stringify({ id, type: event.topic, createdAt, data: event.body.payload });
      for (const hook of hooks)
        if (hook.events.includes(event.topic)) rows.push([hook.id, id, event.topic, body]);
    }
    if (rows.length === 0) return;
    await sql.query(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, event, body)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (webhook_id, event_id) DO NOTHING`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
    return () => this.dispatcher.kick();
  }
}
