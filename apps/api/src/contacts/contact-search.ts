import { Injectable } from '@nestjs/common';
import type { ContactListItem, ContactListQuery, Page } from '@switchboard/contracts';
import { normalizeTag, type Viewer } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { decodeCursor, encodeCursor, FROM_MICROS_SQL, MICROS_SQL } from './contact-cursor.js';
import { contactVisibleTo } from './contact-visibility.js';

/** `%…%` for ILIKE with the caller's wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/**
 * The contacts list: newest first, filtered by tag and organization, searched by any part of a
 * name, an identity's address or an organization's name. Each of the three searches is its own
 * trigram-indexed lookup, joined by UNION, so a million contacts cost what the matches cost.
 */
@Injectable()
export class ContactSearch {
  constructor(private readonly db: Db) {}

  async list(viewer: Viewer, q: ContactListQuery): Promise<Page<ContactListItem>> {
    const params: unknown[] = [];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [contactVisibleTo(viewer, params)];
    if (q.q) {
      const p = add(containing(q.q));
      // Addresses (emails, phone numbers, handles) never contain whitespace, so a search with a
      // space ("Ada Love") skips the largest index, the one over every identity.
      const addresses = /\s/.test(q.q)
        ? ''
        : `UNION SELECT contact_id FROM contact_identities WHERE address ILIKE ${p}`;
      // ARRAY(…) runs the lookups once, before the outer query is planned around them: as a join,
      // an empty organizations table made the planner expect a million matches and scan every contact.
      where.push(`c.id = ANY(ARRAY(
        SELECT id FROM contacts WHERE name ILIKE ${p}
        ${addresses}
        UNION SELECT id FROM contacts
               WHERE organization_id = ANY(ARRAY(SELECT id FROM organizations WHERE name ILIKE ${p}))))`);
    }
    if (q.tag) where.push(`c.tags @> ARRAY[${add(normalizeTag(q.tag))}]::text[]`);
    if (q.organizationId) where.push(`c.organization_id = ${add(q.organizationId)}::uuid`);
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      where.push(`(c.created_at, c.id) < (${FROM_MICROS_SQL(add(c.micros))}, ${add(c.id)}::uuid)`);
    }
    const limit = add(q.limit + 1);
    const rows = await this.db.query<{
      id: string;
      name: string | null;
      tags: string[];
      organization_id: string | null;
      organization_name: string | null;
      identities: Array<{ id: string; kind: string; address: string }>;
      created_at: Date;
      micros: string;
    }>(
      `SELECT c.id, c.name, c.tags, c.organization_id, o.name AS organization_name, c.created_at,
              ${MICROS_SQL('c.created_at')} AS micros,
              (SELECT coalesce(json_agg(json_build_object('id', i.id, 'kind', i.kind, 'address', i.address) ORDER BY i.created_at), '[]')
                 FROM (SELECT * FROM contact_identities WHERE contact_id = c.id ORDER BY created_at LIMIT 10) i) AS identities
         FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}`,
      params,
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        name: r.name,
        tags: r.tags,
        organization: r.organization_id ? { id: r.organization_id, name: r.organization_name! } : null,
        identities: r.identities,
        createdAt: r.created_at.toISOString(),
      })),
      nextCursor: rows.length > q.limit ? encodeCursor(last.micros, last.id) : null,
    };
  }
}
