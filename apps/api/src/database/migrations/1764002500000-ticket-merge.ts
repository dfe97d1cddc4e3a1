import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket merge and split: the link from a merged ticket to the one it went into (ingest follows
 * it, so an old thread still reaches the conversation), each merge with exactly what it moved
 * (so it can be undone), contacts taking part in a ticket they do not own, and split links.
 */
export class TicketMerge1764002500000 implements MigrationInterface {
  name = 'TicketMerge1764002500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tickets
        ADD COLUMN merged_into_ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
        ADD COLUMN split_from_ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL;
      CREATE INDEX ix_tickets_merged_into ON tickets (merged_into_ticket_id) WHERE merged_into_ticket_id IS NOT NULL;
      CREATE INDEX ix_tickets_split_from ON tickets (split_from_ticket_id) WHERE split_from_ticket_id IS NOT NULL;

      CREATE TABLE ticket_merges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        target_ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        -- What the source was before it was closed by the merge; undo puts it back.
        source_status ticket_status NOT NULL,
        source_last_message_at timestamptz,
        target_last_message_at timestamptz,
        moved_message_ids uuid[] NOT NULL DEFAULT '{}',
        moved_event_ids bigint[] NOT NULL DEFAULT '{}',
        moved_clock_entry_ids bigint[] NOT NULL DEFAULT '{}',
        moved_thread_keys jsonb NOT NULL DEFAULT '[]',
        added_participant_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        undone_at timestamptz
      );
      CREATE INDEX ix_ticket_merges_source ON ticket_merges (source_ticket_id, created_at DESC);
      CREATE INDEX ix_ticket_merges_target ON ticket_merges (target_ticket_id, created_at DESC);

      -- Contacts other than the owner whose messages join the ticket (the contact of a merged ticket).
      CREATE TABLE ticket_participants (
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, contact_id)
      );
      CREATE INDEX ix_ticket_participants_contact ON ticket_participants (contact_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE ticket_participants, ticket_merges;
      ALTER TABLE tickets DROP COLUMN merged_into_ticket_id, DROP COLUMN split_from_ticket_id;
    `);
  }
}
