import type { Viewer } from '@switchboard/domain';
import { notFound } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';

/**
 * The SQL form of "the viewer may see this contact": supervisors and admins see every contact,
 * an agent those with at least one ticket they may see. A contact is known through their
 * tickets, so an agent learns nothing of customers their teams never served.
 */
export function contactVisibleTo(viewer: Viewer, params: unknown[], alias = 'c'): string {
  if (viewer.role !== 'agent') return 'TRUE';
  return `EXISTS (SELECT 1 FROM tickets t WHERE t.contact_id = ${alias}.id AND ${visibleTo(viewer, params)})`;
}

/** Throws 404 unless the contact exists and the viewer may see it (unseen and missing look alike). */
export async function requireVisibleContact(sql: Sql, viewer: Viewer, contactId: string): Promise<void> {
  const params: unknown[] = [contactId];
  const rows = await sql.query(
    `SELECT 1 FROM contacts c WHERE c.id = $1::uuid AND ${contactVisibleTo(viewer, params)}`,
    params,
  );
  if (rows.length === 0) throw notFound('contact not found');
}
