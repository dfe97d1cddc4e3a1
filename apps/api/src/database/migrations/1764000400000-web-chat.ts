import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web chat widget: visitors (an anonymous token kept in the browser, optionally linked to a
 * verified user id of the host site), the conversations each visitor may see, uploaded files,
 * and satisfaction survey answers.
 */
export class WebChat1764000400000 implements MigrationInterface {
  name = 'WebChat1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE widget_visitors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        -- sha256 of the bearer token the browser keeps; the token itself is never stored.
        token_hash text NOT NULL,
        -- The host site's user id, set only after its HMAC was checked with the account's secret.
        external_user_id text,
        name text,
        -- Typed by the visitor: where offline replies and transcripts go. Grants no access.
        email text,
        created_ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_widget_visitors_token ON widget_visitors (token_hash);
      CREATE INDEX ix_widget_visitors_user ON widget_visitors (channel_account_id, external_user_id) WHERE external_user_id IS NOT NULL;

      -- The visibility rule of the widget: a visitor sees a ticket only through a row here.
      CREATE TABLE widget_conversations (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        visitor_id uuid NOT NULL REFERENCES widget_visitors (id) ON DELETE CASCADE,
        external_user_id text,
        visitor_email text,
        visitor_read_at timestamptz,
        agent_read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_widget_conversations_visitor ON widget_conversations (visitor_id, created_at DESC);
      CREATE INDEX ix_widget_conversations_user ON widget_conversations (channel_account_id, external_user_id, created_at DESC) WHERE external_user_id IS NOT NULL;

      CREATE TABLE widget_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        visitor_id uuid NOT NULL REFERENCES widget_visitors (id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE,
        message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
        -- A capability in the file's URL: only those shown the message learn it.
        access_key text NOT NULL,
        storage_key text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_widget_attachments_message ON widget_attachments (message_id) WHERE message_id IS NOT NULL;

      CREATE TABLE survey_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        kind text NOT NULL DEFAULT 'csat',
        score smallint NOT NULL,
        comment text,
        channel text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_survey_responses_csat CHECK (kind <> 'csat' OR score BETWEEN 1 AND 5)
      );
      CREATE UNIQUE INDEX ux_survey_responses_ticket_kind ON survey_responses (ticket_id, kind);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE survey_responses;
      DROP TABLE widget_attachments;
      DROP TABLE widget_conversations;
      DROP TABLE widget_visitors;
    `);
  }
}
