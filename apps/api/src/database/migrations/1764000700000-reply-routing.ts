import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Replies to a chosen identity, WhatsApp templates, early Twilio status callbacks. */
export class ReplyRouting1764000700000 implements MigrationInterface {
  name = 'ReplyRouting1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A status callback that arrived before the dispatcher recorded the provider's message id.
      -- Applied (forward only) when the send is recorded; kept a day at most.
      CREATE TABLE pending_delivery_statuses (
        provider text NOT NULL,
        provider_message_id text NOT NULL,
        channel_account_id uuid NOT NULL,
        state delivery_state NOT NULL,
        reason text,
        error_code text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, provider_message_id)
      );
      CREATE INDEX ix_pending_delivery_statuses_received ON pending_delivery_statuses (received_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_delivery_statuses;`);
  }
}
