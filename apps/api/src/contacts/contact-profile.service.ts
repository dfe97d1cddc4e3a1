import { Injectable } from '@nestjs/common';
import type { ContactNoteView, PatchContactBody } from '@switchboard/contracts';
import { conflict, invalid, normalizeTags, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db, type Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { requireVisibleContact } from './contact-visibility.js';

/** Agents' edits of a contact: profile fields, identities and notes. */
@Injectable()
export class ContactProfileService {
  constructor(private readonly db: Db) {}

  /** Applies the fields given; identities are checked against every other contact first. */
  async patch(viewer: AuthenticatedViewer, contactId: string, input: PatchContactBody): Promise<void> {
    if (!isUuid(contactId)) throw notFound('contact not found');
    await this.db.tx(async (sql) => {
      // The lock ingest and merge take per contact: a message never threads onto an identity
      // that is half removed, and two edits of one contact apply one after the other.
      await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [contactId]);
      await requireVisibleContact(sql, viewer, contactId);
      const sets: string[] = [];
      const params: unknown[] = [contactId];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (input.name !== undefined) set('name', input.name);
      if (input.tags !== undefined) set('tags', normalizeTags(input.tags));
      if (input.language !== undefined) set('language', input.language);
      if (input.timeZone !== undefined) set('time_zone', input.timeZone);
      if (sets.length)
        await sql.query(`UPDATE contacts SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
      if (input.identities?.remove?.length)
        await this.removeIdentities(sql, contactId, input.identities.remove);
      for (const identity of input.identities?.add ?? []) await this.addIdentity(sql, contactId, identity);
    });
  }

  private async removeIdentities(sql: Sql, contactId: string, ids: string[]): Promise<void> {
    const own = await sql.query<{ id: string }>(`SELECT id FROM contact_identities WHERE contact_id = $1`, [
      contactId,
    ]);
    const ownIds = new Set(own.map((i) => i.id));
    const foreign = ids.find((id) => !ownIds.has(id));
    if (foreign) throw invalid(`identities.remove: ${foreign} is not an identity of this contact`);
    if (ids.length && new Set(ids).size >= ownIds.size)
      throw invalid('identities.remove: a contact keeps at least one identity; merge the contact instead');
    // Past messages keep their channel and text; only the link to the removed address goes, so
    // replies route to the contact's remaining identities.
    await sql.query(`UPDATE messages SET identity_id = NULL WHERE identity_id = ANY($1::uuid[])`, [ids]);
    await sql.query(`DELETE FROM contact_identities WHERE id = ANY($1::uuid[])`, [ids]);
  }

  private async addIdentity(
    sql: Sql,
    contactId: string,
    identity: NonNullable<NonNullable<PatchContactBody['identities']>['add']>[number],
  ): Promise<void> {
    const inserted = await sql.query(
      `INSERT INTO contact_identities (contact_id, kind, address) VALUES ($1, $2, $3)
       ON CONFLICT (kind, address) DO NOTHING RETURNING id`,
      [contactId, identity.kind, identity.address],
    );
    if (inserted.length) return;
    const [owner] = await sql.query<{ contact_id: string }>(
      `SELECT contact_id FROM contact_identities WHERE kind = $1 AND address = $2`,
      [identity.kind, identity.address],
    );
    // Moving an address silently would hand one customer's tickets and replies to another.
    if (owner && owner.contact_id !== contactId)
      throw conflict(
        `identities.add: ${identity.kind} ${identity.address} belongs to another contact; merge the two contacts instead`,
      );
  }

  async addNote(viewer: AuthenticatedViewer, contactId: string, body: string): Promise<ContactNoteView> {
    if (!isUuid(contactId)) throw notFound('contact not found');
    await requireVisibleContact(this.db, viewer, contactId);
    const [row] = await this.db.query<{ id: string; created_at: Date; author_name: string }>(
      `WITH note AS (INSERT INTO contact_notes (contact_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, created_at)
       SELECT note.id, note.created_at, u.name AS author_name FROM note, users u WHERE u.id = $2`,
      [contactId, viewer.userId, body],
    );
    return {
      id: row.id,
      body,
      author: { id: viewer.userId, name: row.author_name },
      createdAt: row.created_at.toISOString(),
    };
  }
}
