import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-channel continuity: a workspace switch for joining a contact's open ticket from any
 * channel, identities that were only claimed (not proven) on another channel, and the merge
 * suggestions recorded instead of joining contacts on such a claim.
 */
export class ThreadingContinuity1764002400000 implements MigrationInterface {
  name = 'ThreadingContinuity1764002400000';

  async up(q: QueryRunner): Promise<void> {
    // A workspace that already has tickets keeps threading per channel, as its agents know it;
    // a new install (no tickets yet) gets the built-in default, which joins across channels.
    await q.query(`
      INSERT INTO app_settings (key, value)
      SELECT 'threading.join_across_channels', to_jsonb('false'::text) WHERE EXISTS (SELECT 1 FROM tickets)
      ON CONFLICT (key) DO NOTHING
    `);
    await q.query(`
      -- An address attached to a contact on someone's word only (an email typed into the chat
      -- form): its proven owner writing later must not silently land on that contact.
      ALTER TABLE contact_identities ADD COLUMN unverified_claim boolean NOT NULL DEFAULT false;

      CREATE TABLE contact_merge_suggestions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        other_contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        kind text NOT NULL,
        address text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_contact_merge_suggestions_pair CHECK (contact_id <> other_contact_id)
      );
      -- One suggestion per pair and address, whichever side saw it first.
      CREATE UNIQUE INDEX ux_contact_merge_suggestions_pair ON contact_merge_suggestions
        (LEAST(contact_id, other_contact_id), GREATEST(contact_id, other_contact_id), kind, address);
      CREATE INDEX ix_contact_merge_suggestions_contact ON contact_merge_suggestions (contact_id);
      CREATE INDEX ix_contact_merge_suggestions_other ON contact_merge_suggestions (other_contact_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE contact_merge_suggestions;
      ALTER TABLE contact_identities DROP COLUMN unverified_claim;
      DELETE FROM app_settings WHERE key IN ('threading.join_across_channels', 'threading.reopen_window_seconds');
    `);
  }
}
