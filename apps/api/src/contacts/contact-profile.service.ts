import { Injectable } from '@nestjs/common';
import type { ContactNoteView, PatchContactBody } from '@switchboard/contracts';
import { conflict, invalid, normalizeTags, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db, type Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { fieldDefinitions } from '../custom-fields/custom-field-store.js';
import { parseCustomFieldValues } from '../custom-fields/custom-field-values.js';
import { customFieldChanges, mergeCustomFieldsSql } from '../custom-fields/ticket-field-edits.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { requireVisibleContact } from './contact-visibility.js';

interface ProfileRow {
  name: string | null;
  language: string | null;
  time_zone: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
}

const PROFILE_COLUMNS = 'name, language, time_zone, tags, custom_fields';

/** Tickets of the contact whose timelines record a change of their details (the closed ones are history). */
const TIMELINE_TICKETS = 100;

/**
 * Agents' edits of a contact: profile fields, custom fields, identities and notes. A change of
 * the details is written on the timeline of the contact's open tickets ("Ana changed the
 * contact's name from X to Y") through the ticket writer, so agents on those tickets see it live.
 */
@Injectable()
export class ContactProfileService {
  constructor(
    private readonly db: Db,
    private readonly writer: TicketWriter,
  ) {}

  /** Applies the fields given; identities are checked against every other contact first. */
  async patch(viewer: AuthenticatedViewer, contactId: string, input: PatchContactBody): Promise<void> {
    if (!isUuid(contactId)) throw notFound('contact not found');
    const values = input.customFields
      ? parseCustomFieldValues('contact', await fieldDefinitions(this.db, 'contact'), input.customFields)
      : null;
    await this.writer.transaction(async (tx) => {
      const { sql } = tx;
      // The lock ingest and merge take per contact: a message never threads onto an identity
      // that is half removed, and two edits of one contact apply one after the other.
      await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [contactId]);
      await requireVisibleContact(sql, viewer, contactId);
      const [before] = await sql.query<ProfileRow>(
        `SELECT ${PROFILE_COLUMNS} FROM contacts WHERE id = $1 FOR UPDATE`,
        [contactId],
      );
      if (!before) throw notFound('contact not found');
      const sets: string[] = [];
      const params: unknown[] = [contactId];
      const set = (assign: (placeholder: string) => string, value: unknown) => {
        params.push(value);
        sets.push(assign(`$${params.length}`));
      };
      if (input.name !== undefined) set((p) => `name = ${p}`, input.name?.trim() || null);
      if (input.tags !== undefined) set((p) => `tags = ${p}`, normalizeTags(input.tags));
      if (input.language !== undefined) set((p) => `language = ${p}`, input.language);
      if (input.timeZone !== undefined) set((p) => `time_zone = ${p}`, input.timeZone);
      if (values) set(mergeCustomFieldsSql, JSON.stringify(values));
      if (sets.length) {
        const [after] = await sql.query<ProfileRow>(
          `UPDATE contacts SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${PROFILE_COLUMNS}`,
          params,
        );
        const changes = contactChanges(before, after);
        if (Object.keys(changes).length) {
          const tickets = await sql.query<{ id: string }>(
            `SELECT id FROM tickets WHERE contact_id = $1 AND status <> 'closed' ORDER BY updated_at DESC LIMIT ${TIMELINE_TICKETS}`,
            [contactId],
          );
          for (const { id } of tickets) {
            if (!(await tx.lock(id))) continue;
            const updated = await tx.touch(id);
            await tx.appendEvent(updated, 'contact_updated', { changes }, viewer.userId);
            await tx.ticketUpdated(updated, { contact: { id: contactId, name: after.name } });
          }
        }
      }
      if (input.identities?.remove?.length) await removeIdentities(sql, contactId, input.identities.remove);
      for (const identity of input.identities?.add ?? []) await addIdentity(sql, contactId, identity);
    });
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

async function removeIdentities(sql: Sql, contactId: string, ids: string[]): Promise<void> {
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

async function addIdentity(
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

/** Each detail that changed, with its value before and after. */
function contactChanges(
  before: ProfileRow,
  after: ProfileRow,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const pairs: Array<[string, unknown, unknown]> = [
    ['name', before.name, after.name],
    ['language', before.language, after.language],
    ['timeZone', before.time_zone, after.time_zone],
    ['tags', before.tags ?? [], after.tags ?? []],
  ];
  for (const [key, from, to] of pairs)
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  for (const [key, change] of Object.entries(customFieldChanges(before.custom_fields, after.custom_fields)))
    out[`customFields.${key}`] = change;
  return out;
}
