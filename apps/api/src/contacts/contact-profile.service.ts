import { Injectable } from '@nestjs/common';
import type { PatchContactBody } from '@switchboard/contracts';
import { normalizeTags, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { fieldDefinitions } from '../custom-fields/custom-field-store.js';
import { parseCustomFieldValues } from '../custom-fields/custom-field-values.js';
import { customFieldChanges, mergeCustomFieldsSql } from '../custom-fields/ticket-field-edits.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { TicketWriter } from '../tickets/ticket-writer.js';

interface ProfileRow {
  id: string;
  name: string | null;
  language: string | null;
  time_zone: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
}

/** Tickets of the contact whose timelines record a change of their details (the closed ones are history). */
const TIMELINE_TICKETS = 100;

const profile = (r: ProfileRow) => ({
  id: r.id,
  name: r.name,
  language: r.language,
  timeZone: r.time_zone,
  tags: r.tags ?? [],
  customFields: r.custom_fields ?? {},
});

/**
 * Agents edit a contact's details (name, language, time zone, tags, custom fields). Each change
 * is written on the timeline of the contact's open tickets ("Ana changed the contact's name from
 * X to Y"), through the ticket writer, so the agents on those tickets see it live.
 */
@Injectable()
export class ContactProfileService {
  constructor(
    private readonly db: Db,
    private readonly writer: TicketWriter,
  ) {}

  async patch(viewer: AuthenticatedViewer, contactId: string, input: PatchContactBody) {
    const params: unknown[] = [contactId];
    const seen = await this.db.one(
      `SELECT 1 FROM tickets t WHERE t.contact_id = $1 AND ${visibleTo(viewer, params)} LIMIT 1`,
      params,
    );
    if (!seen) throw notFound('contact not found'); // like GET: a contact is seen through their tickets
    const values = input.customFields
      ? parseCustomFieldValues('contact', await fieldDefinitions(this.db, 'contact'), input.customFields)
      : null;
    return this.writer.transaction(async (tx) => {
      const [before] = await tx.sql.query<ProfileRow>(
        `SELECT id, name, language, time_zone, tags, custom_fields FROM contacts WHERE id = $1 FOR UPDATE`,
        [contactId],
      );
      if (!before) throw notFound('contact not found');
      const sets: string[] = [];
      const args: unknown[] = [contactId];
      const set = (sql: (p: string) => string, value: unknown) => {
        args.push(value);
        sets.push(sql(`$${args.length}`));
      };
      if (input.name !== undefined) set((p) => `name = ${p}`, input.name?.trim() || null);
      if (input.language !== undefined) set((p) => `language = ${p}`, input.language);
      if (input.timeZone !== undefined) set((p) => `time_zone = ${p}`, input.timeZone);
      if (input.tags !== undefined) set((p) => `tags = ${p}`, normalizeTags(input.tags));
      if (values) set(mergeCustomFieldsSql, JSON.stringify(values));
      const [after] = await tx.sql.query<ProfileRow>(
        `UPDATE contacts SET ${sets.join(', ')}, updated_at = now() WHERE id = $1
         RETURNING id, name, language, time_zone, tags, custom_fields`,
        args,
      );
      const changes = contactChanges(before, after);
      if (Object.keys(changes).length) {
        const tickets = await tx.sql.query<{ id: string }>(
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
      return profile(after);
    });
  }
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
