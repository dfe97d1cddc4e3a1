import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SMS, WhatsApp, Meta and Telegram: refused webhooks, opt-outs, contact merges, window lookups. */
export class MessagingChannels1764000100000 implements MigrationInterface {
  name = 'MessagingChannels1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Webhooks refused before anything was stored (bad signature, unknown account). No FK:
      -- the row must outlive the account and may name one that never existed.
      CREATE TABLE rejected_webhooks (
        id bigserial PRIMARY KEY,
        provider text NOT NULL,
        channel_account_id uuid,
        reason text NOT NULL,
        remote_ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_rejected_webhooks_created ON rejected_webhooks (created_at DESC);

      -- STOP / START per identity: no further sends to an opted-out address.
      ALTER TABLE contact_identities ADD COLUMN opted_out_at timestamptz, ADD COLUMN opted_out_keyword text;

      -- The audit of contact merges: who merged which contact into which, and what moved.
      CREATE TABLE contact_merges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        into_contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        merged_contact_id uuid NOT NULL,
        merged_contact_name text,
        identity_ids uuid[] NOT NULL DEFAULT '{}',
        ticket_ids uuid[] NOT NULL DEFAULT '{}',
        merged_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_contact_merges_into ON contact_merges (into_contact_id, created_at);

      -- "When did this customer last write to this account?" (WhatsApp and Meta 24-hour windows).
      CREATE INDEX ix_messages_identity_inbound ON messages (identity_id, channel_account_id, created_at DESC) WHERE direction = 'in';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_messages_identity_inbound;
      DROP TABLE contact_merges;
      ALTER TABLE contact_identities DROP COLUMN opted_out_keyword, DROP COLUMN opted_out_at;
      DROP TABLE rejected_webhooks;
    `);
  }
}
