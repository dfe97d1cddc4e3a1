import { Injectable } from '@nestjs/common';
import type { OrganizationView } from '@switchboard/contracts';
import { conflict, notFound } from '@switchboard/domain';
import { Db, type Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';

interface OrganizationRow {
  id: string;
  name: string;
  domains: string[];
  contact_count: string;
  created_at: Date;
}

const COLUMNS = `o.id, o.name, o.domains, o.created_at,
  (SELECT count(*) FROM contacts c WHERE c.organization_id = o.id) AS contact_count`;

const toView = (r: OrganizationRow): OrganizationView => ({
  id: r.id,
  name: r.name,
  domains: r.domains,
  contactCount: Number(r.contact_count),
  createdAt: r.created_at.toISOString(),
});

/**
 * Organizations: a name and the email domains that belong to it. Creating one (or adding a
 * domain) brings in the existing contacts with an address there; later ones join as their email
 * identity is stored (see the trigger in the contact-workspace migration).
 */
@Injectable()
export class OrganizationsService {
  constructor(private readonly db: Db) {}

  async list(): Promise<OrganizationView[]> {
    const rows = await this.db.query<OrganizationRow>(
      `SELECT ${COLUMNS} FROM organizations o ORDER BY lower(o.name)`,
    );
    return rows.map(toView);
  }

  async create(input: { name: string; domains: string[] }): Promise<OrganizationView> {
    const domains = [...new Set(input.domains)];
    const id = await this.db.tx(async (sql) => {
      await this.lockAndCheck(sql, null, input.name, domains);
      const [row] = await sql.query<{ id: string }>(
        `INSERT INTO organizations (name, domains) VALUES ($1, $2) RETURNING id`,
        [input.name, domains],
      );
      await this.joinContacts(sql, row.id, domains);
      return row.id;
    });
    return (await this.get(id))!;
  }

  async patch(id: string, input: { name?: string; domains?: string[] }): Promise<OrganizationView> {
    if (!isUuid(id) || !(await this.get(id))) throw notFound('organization not found');
    const domains = input.domains && [...new Set(input.domains)];
    await this.db.tx(async (sql) => {
      await this.lockAndCheck(sql, id, input.name, domains);
      await sql.query(
        `UPDATE organizations SET name = coalesce($2, name), domains = coalesce($3, domains), updated_at = now() WHERE id = $1`,
        [id, input.name ?? null, domains ?? null],
      );
      // Contacts already in keep their membership when a domain is dropped: an agent may have
      // placed them there, and nothing says they left.
      if (domains) await this.joinContacts(sql, id, domains);
    });
    return (await this.get(id))!;
  }

  private async get(id: string): Promise<OrganizationView | null> {
    const [row] = await this.db.query<OrganizationRow>(
      `SELECT ${COLUMNS} FROM organizations o WHERE o.id = $1`,
      [id],
    );
    return row ? toView(row) : null;
  }

  /** One organization per name and per domain, else a contact's organization would depend on chance. */
  private async lockAndCheck(
    sql: Sql,
    id: string | null,
    name: string | undefined,
    domains: string[] | undefined,
  ) {
    // Two admins adding the same domain at once would both pass the check without it.
    await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended('organizations', 0))`);
    if (name !== undefined) {
      const [same] = await sql.query(
        `SELECT 1 FROM organizations WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid`,
        [name, id],
      );
      if (same) throw conflict(`name: an organization named ${name} already exists`);
    }
    if (domains?.length) {
      const taken = await sql.query<{ domain: string; name: string }>(
        `SELECT d AS domain, o.name FROM organizations o, unnest(o.domains) d
          WHERE d = ANY($1::text[]) AND o.id IS DISTINCT FROM $2::uuid LIMIT 1`,
        [domains, id],
      );
      if (taken.length) throw conflict(`domains: ${taken[0].domain} already belongs to ${taken[0].name}`);
    }
  }

  /** Existing contacts with an email address at one of the domains, not yet in an organization, join. */
  private async joinContacts(sql: Sql, organizationId: string, domains: string[]): Promise<void> {
    if (!domains.length) return;
    await sql.query(
      `UPDATE contacts SET organization_id = $1
        WHERE organization_id IS NULL AND id IN (
          SELECT contact_id FROM contact_identities
           WHERE kind = 'email' AND lower(split_part(address, '@', 2)) = ANY($2::text[]))`,
      [organizationId, domains],
    );
  }
}
