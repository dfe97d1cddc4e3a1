import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Email: mailbox leases and checkpoints, the quarantine, matched bounces, acknowledgements. */
export class EmailChannel1764000200000 implements MigrationInterface {
  name = 'EmailChannel1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- One node watches a mailbox: the holder renews expires_at; anyone may take an expired lease.
      CREATE TABLE email_mailbox_leases (
        channel_account_id uuid PRIMARY KEY REFERENCES channel_accounts (id) ON DELETE CASCADE,
        holder text NOT NULL,
        acquired_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );

      -- Where a watcher resumes: the highest UID stored, valid only for this UIDVALIDITY.
      CREATE TABLE email_mailbox_checkpoints (
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        mailbox text NOT NULL,
        uid_validity bigint NOT NULL,
        last_uid bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_account_id, mailbox)
      );

      -- Mail that could not be parsed: the raw bytes' storage key and the error, re-importable.
      CREATE TABLE email_quarantine (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        raw_sha256 text NOT NULL,
        raw_key text NOT NULL,
        raw_size bigint NOT NULL,
        reason text NOT NULL,
        error text NOT NULL,
        mailbox text,
        uid bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        reimported_at timestamptz,
        reimported_ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
        reimported_message_id uuid REFERENCES messages (id) ON DELETE SET NULL
      );
      CREATE UNIQUE INDEX ux_email_quarantine_raw ON email_quarantine (channel_account_id, raw_sha256);
      CREATE INDEX ix_email_quarantine_open ON email_quarantine (created_at DESC) WHERE reimported_at IS NULL;

      -- Bounces matched to one of our outbound messages (which is marked failed); the raw DSN is kept.
      CREATE TABLE email_bounces (
        id bigserial PRIMARY KEY,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        raw_sha256 text NOT NULL,
        raw_key text NOT NULL,
        original_message_id text NOT NULL,
        message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_email_bounces_raw ON email_bounces (channel_account_id, raw_sha256);

      -- One acknowledgement per new ticket; the per-contact hourly cap counts these rows.
      CREATE TABLE email_acknowledgements (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_email_acknowledgements_contact ON email_acknowledgements (contact_id, created_at DESC);

      -- Inline images are addressed by the raw mail's sha256 (email messages only).
      CREATE INDEX ix_messages_email_raw ON messages ((meta->>'rawSha256')) WHERE meta ? 'rawStorageKey';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_messages_email_raw;
      DROP TABLE email_acknowledgements, email_bounces, email_quarantine, email_mailbox_checkpoints, email_mailbox_leases;
    `);
  }
}
