import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversations agents start, the people copied on a ticket and the agents following it.
 *
 * - `ticket_start_requests`: one row per (agent, Idempotency-Key), written in the transaction
 *   that opens the ticket, so a retried POST finds the ticket instead of opening a second one.
 * - `ticket_copied_addresses`: addresses copied (Cc) on a ticket's mail; their replies to the
 *   thread belong to the ticket although they are not its contact. Kept by address, unlike the
 *   contacts in `ticket_participants` (a merged ticket's owner): a copied colleague is often
 *   nobody's contact, and becomes one only if they write on their own.
 * - `ticket_followers`: agents told of a ticket's changes.
 */
export class ConversationStart1764002700000 implements MigrationInterface {
  name = 'ConversationStart1764002700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_start_requests (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        idempotency_key text NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, idempotency_key)
      );
      CREATE TABLE ticket_copied_addresses (
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        kind text NOT NULL,
        address text NOT NULL,
        added_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, kind, address)
      );
      CREATE INDEX ix_ticket_copied_addresses_address ON ticket_copied_addresses (kind, address);
      CREATE TABLE ticket_followers (
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, user_id)
      );
      CREATE INDEX ix_ticket_followers_user ON ticket_followers (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ticket_followers, ticket_copied_addresses, ticket_start_requests;`);
  }
}
