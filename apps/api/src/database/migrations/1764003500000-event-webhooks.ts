import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event webhooks: the admin's endpoints, one delivery per (webhook, event) made from the
 * committed outbox (the unique key makes a replayed batch a no-op), and a log of every HTTP
 * attempt. Due deliveries are found through a partial index, so the dispatcher's cost follows
 * what is due, not how many were ever sent. The signing secret is sealed like channel credentials.
 */
export class EventWebhooks1764003500000 implements MigrationInterface {
  name = 'EventWebhooks1764003500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        events text[] NOT NULL,
        description text NOT NULL DEFAULT '',
        secret_sealed text NOT NULL,
        allow_private_targets boolean NOT NULL DEFAULT false,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        consecutive_failures integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event_id text NOT NULL,
        event text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        round_attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz DEFAULT now(),
        locked_until timestamptz,
        last_status_code integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT uq_webhook_deliveries_event UNIQUE (webhook_id, event_id)
      );
      CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
      CREATE INDEX ix_webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE status <> 'pending';

      CREATE TABLE webhook_delivery_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        status_code integer,
        duration_ms integer NOT NULL,
        error text
      );
      CREATE INDEX ix_webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, attempt);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery_attempts, webhook_deliveries, webhooks`);
  }
}
