import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contact workspace: a profile agents edit (tags, language, time zone), notes with authors,
 * organizations matched by email domain, and trigram indexes so that searching a million
 * contacts by any part of a name or address stays an index lookup.
 */
export class ContactWorkspace1764002800000 implements MigrationInterface {
  name = 'ContactWorkspace1764002800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Trusted since PostgreSQL 13: the database owner may create it without superuser rights.
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        domains text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_organizations_name ON organizations (lower(name));
      CREATE INDEX ix_organizations_domains ON organizations USING gin (domains);
      CREATE INDEX ix_organizations_name_trgm ON organizations USING gin (name gin_trgm_ops);

      ALTER TABLE contacts
        ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN IF NOT EXISTS language text,
        ADD COLUMN IF NOT EXISTS time_zone text,
        ADD COLUMN organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL;
      CREATE INDEX ix_contacts_created ON contacts (created_at DESC, id DESC);
      CREATE INDEX ix_contacts_organization ON contacts (organization_id, created_at DESC, id DESC)
        WHERE organization_id IS NOT NULL;
      CREATE INDEX ix_contacts_tags ON contacts USING gin (tags);
      CREATE INDEX ix_contacts_name_trgm ON contacts USING gin (name gin_trgm_ops);
      CREATE INDEX ix_contact_identities_address_trgm ON contact_identities USING gin (address gin_trgm_ops);
      -- Joining an organization looks contacts up by the domain of their email addresses.
      CREATE INDEX ix_contact_identities_email_domain ON contact_identities (lower(split_part(address, '@', 2)))
        WHERE kind = 'email';
      -- The contact timeline and the contact page read every ticket of a contact, open or not.
      CREATE INDEX ix_tickets_contact_created ON tickets (contact_id, created_at DESC);

      CREATE TABLE contact_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_contact_notes_contact ON contact_notes (contact_id, created_at DESC, id DESC);

      -- An email identity whose domain an organization claims puts its contact in that
      -- organization, whichever path adds it (ingest, an agent's edit, a merge, an agent-started
      -- ticket): one rule in one place instead of a call each path could forget. A contact that
      -- already belongs to an organization keeps it.
      CREATE FUNCTION contact_identity_joins_organization() RETURNS trigger AS $$
      BEGIN
        UPDATE contacts SET organization_id = o.id
          FROM (SELECT id FROM organizations
                 WHERE domains @> ARRAY[lower(split_part(NEW.address, '@', 2))]
                 ORDER BY created_at LIMIT 1) o
         WHERE contacts.id = NEW.contact_id AND contacts.organization_id IS NULL;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER tr_contact_identity_joins_organization
        AFTER INSERT OR UPDATE OF contact_id ON contact_identities
        FOR EACH ROW WHEN (NEW.kind = 'email')
        EXECUTE FUNCTION contact_identity_joins_organization();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER tr_contact_identity_joins_organization ON contact_identities;
      DROP FUNCTION contact_identity_joins_organization();
      DROP TABLE contact_notes;
      DROP INDEX ix_tickets_contact_created, ix_contact_identities_email_domain,
        ix_contact_identities_address_trgm;
      ALTER TABLE contacts DROP COLUMN organization_id, DROP COLUMN time_zone, DROP COLUMN language,
        DROP COLUMN tags;
      DROP TABLE organizations;
    `);
  }
}
