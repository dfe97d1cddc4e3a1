import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom fields: admin-defined fields of tickets and contacts, their values as one JSONB object
 * per row, and the contact details agents may now edit. The values are indexed with GIN
 * (jsonb_path_ops: containment only, smaller than the default operator class) so a queue
 * filtered by a field (`custom_fields @> '{"plan":"pro"}'`) stays an index probe.
 */
export class CustomFields1764002600000 implements MigrationInterface {
  name = 'CustomFields1764002600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_fields (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity text NOT NULL CHECK (entity IN ('ticket', 'contact')),
        key text NOT NULL,
        label text NOT NULL,
        type text NOT NULL CHECK (type IN ('text', 'number', 'select', 'multiselect', 'date', 'checkbox')),
        options jsonb NOT NULL DEFAULT '[]',
        required_to_solve boolean NOT NULL DEFAULT false,
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_custom_fields_entity_key UNIQUE (entity, key)
      );

      ALTER TABLE tickets ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}';
      CREATE INDEX ix_tickets_custom_fields ON tickets USING gin (custom_fields jsonb_path_ops);
      ALTER TABLE contacts ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}';
      CREATE INDEX ix_contacts_custom_fields ON contacts USING gin (custom_fields jsonb_path_ops);

      -- Contact details agents edit; IF NOT EXISTS because the contact workspace adds the same columns.
      ALTER TABLE contacts ADD COLUMN IF NOT EXISTS language text;
      ALTER TABLE contacts ADD COLUMN IF NOT EXISTS time_zone text;
      ALTER TABLE contacts ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contacts DROP COLUMN custom_fields;
      ALTER TABLE tickets DROP COLUMN custom_fields;
      DROP TABLE custom_fields;
    `);
  }
}
