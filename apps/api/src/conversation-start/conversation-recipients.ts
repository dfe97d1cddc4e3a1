import { Injectable } from '@nestjs/common';
import type { Viewer } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';

export interface RecipientOption {
  contactId: string;
  name: string | null;
  kind: string;
  address: string;
}

/**
 * Addresses of contacts the viewer may write to, matching a name or address prefix: agents find
 * contacts of tickets they can see, supervisors and admins any contact.
 */
@Injectable()
export class ConversationRecipients {
  constructor(private readonly db: Db) {}

  async search(viewer: Viewer, q: string): Promise<RecipientOption[]> {
    const term = q.trim().toLowerCase().slice(0, 100);
    if (term.length < 2) return [];
    const params: unknown[] = [`${term.replace(/[\\%_]/g, '\\$&')}%`];
    const seen =
      viewer.role === 'agent'
        ? `AND EXISTS (SELECT 1 FROM tickets t WHERE t.contact_id = c.id AND ${visibleTo(viewer, params)})`
        : '';
    const rows = await this.db.query<{
      contact_id: string;
      name: string | null;
      kind: string;
      address: string;
    }>(
      `SELECT c.id AS contact_id, c.name, i.kind, i.address FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
        WHERE (lower(i.address) LIKE $1 OR lower(c.name) LIKE $1) ${seen}
        ORDER BY c.name NULLS LAST, i.address LIMIT 20`,
      params,
    );
    return rows.map((r) => ({ contactId: r.contact_id, name: r.name, kind: r.kind, address: r.address }));
  }
}
