import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ticket model of DESIGN.md: contacts, channel accounts, tickets, messages, events, outboxes. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE user_role AS ENUM ('agent', 'supervisor', 'admin');
      CREATE TYPE ticket_status AS ENUM ('new', 'open', 'pending', 'on_hold', 'solved', 'closed');
      CREATE TYPE ticket_priority AS ENUM ('low', 'normal', 'high', 'urgent');
      CREATE TYPE message_direction AS ENUM ('in', 'out');
      CREATE TYPE message_kind AS ENUM ('message', 'note', 'hold_note', 'transfer_note', 'system');
      CREATE TYPE delivery_state AS ENUM ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered');

      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_teams_name ON teams (lower(name));

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        role user_role NOT NULL DEFAULT 'agent',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_users_email ON users (lower(email));

      CREATE TABLE team_memberships (
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (team_id, user_id)
      );
      CREATE INDEX ix_team_memberships_user ON team_memberships (user_id);

      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE UNIQUE INDEX ux_sessions_token_hash ON sessions (token_hash);
      CREATE INDEX ix_sessions_user_live ON sessions (user_id) WHERE revoked_at IS NULL;

      CREATE TABLE channel_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        name text NOT NULL,
        team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        config jsonb NOT NULL DEFAULT '{}',
        secrets text,
        api_key_hash text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE contact_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        kind text NOT NULL,
        address text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_contact_identities_kind_address ON contact_identities (kind, address);
      CREATE INDEX ix_contact_identities_contact ON contact_identities (contact_id);

      CREATE SEQUENCE ticket_number_seq START 1001;
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigint NOT NULL DEFAULT nextval('ticket_number_seq'),
        subject text NOT NULL DEFAULT '',
        status ticket_status NOT NULL DEFAULT 'new',
        priority ticket_priority NOT NULL DEFAULT 'normal',
        channel text NOT NULL,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id),
        contact_id uuid NOT NULL REFERENCES contacts (id),
        assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
        team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        tags text[] NOT NULL DEFAULT '{}',
        seq bigint NOT NULL DEFAULT 1,
        hold_until timestamptz,
        first_response_at timestamptz,
        solved_at timestamptz,
        last_message_at timestamptz,
        last_customer_message_at timestamptz,
        first_response_due_at timestamptz,
        resolution_due_at timestamptz,
        sla_breached_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_tickets_number ON tickets (number);
      CREATE INDEX ix_tickets_inbox ON tickets (updated_at DESC, id DESC);
      CREATE INDEX ix_tickets_status_updated ON tickets (status, updated_at DESC);
      CREATE INDEX ix_tickets_team_updated ON tickets (team_id, updated_at DESC);
      CREATE INDEX ix_tickets_assignee_updated ON tickets (assignee_id, updated_at DESC);
      CREATE INDEX ix_tickets_contact_open ON tickets (contact_id, channel_account_id, updated_at DESC)
        WHERE status <> 'closed';
      CREATE INDEX ix_tickets_hold_due ON tickets (hold_until) WHERE status = 'on_hold' AND hold_until IS NOT NULL;

      CREATE TABLE ticket_thread_keys (
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        thread_key text NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        PRIMARY KEY (channel_account_id, thread_key)
      );
      CREATE INDEX ix_ticket_thread_keys_ticket ON ticket_thread_keys (ticket_id);

      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        direction message_direction NOT NULL,
        kind message_kind NOT NULL DEFAULT 'message',
        channel text NOT NULL,
        channel_account_id uuid REFERENCES channel_accounts (id),
        identity_id uuid REFERENCES contact_identities (id),
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        text text NOT NULL DEFAULT '',
        html text,
        external_id text,
        delivery_state delivery_state,
        delivery_error text,
        meta jsonb NOT NULL DEFAULT '{}',
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_messages_ticket_created ON messages (ticket_id, created_at);
      CREATE INDEX ix_messages_external ON messages (channel_account_id, external_id) WHERE external_id IS NOT NULL;

      -- Exactly-once ingest: the first writer of (account, external id) wins; others see a duplicate.
      CREATE TABLE inbound_receipts (
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        external_id text NOT NULL,
        message_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_account_id, external_id)
      );

      CREATE TABLE ticket_events (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        type text NOT NULL,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_ticket_events_ticket ON ticket_events (ticket_id, id);

      -- Domain events written in the same transaction as the change, fanned out after commit.
      CREATE TABLE outbox_events (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        ticket_id uuid,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      );
      CREATE INDEX ix_outbox_events_unpublished ON outbox_events (id) WHERE published_at IS NULL;

      -- Outbound sends: claimed with FOR UPDATE SKIP LOCKED, retried with backoff.
      CREATE TABLE outbound_jobs (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        idempotency_key text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_outbound_jobs_message ON outbound_jobs (message_id);
      CREATE INDEX ix_outbound_jobs_due ON outbound_jobs (next_attempt_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE outbound_jobs, outbox_events, ticket_events, inbound_receipts, messages, ticket_thread_keys,
        tickets, contact_identities, contacts, channel_accounts, sessions, team_memberships, users, teams;
      DROP SEQUENCE ticket_number_seq;
      DROP TYPE delivery_state, message_kind, message_direction, ticket_priority, ticket_status, user_role;
    `);
  }
}
