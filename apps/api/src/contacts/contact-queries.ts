import { Injectable } from '@nestjs/common';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { TICKET_COLUMNS, TICKET_FROM, toTicketView, type TicketRow } from '../tickets/ticket-rows.js';
import { notFound } from '@switchboard/domain';

/** Reads of contacts, under the ticket visibility rule. */
@Injectable()
export class ContactQueries {
  constructor(private readonly db: Db) {}

  /** A contact with every identity and the tickets of theirs the viewer may see; none visible → 404. */
  async get(viewer: AuthenticatedViewer, id: string) {
    const params: unknown[] = [id];
    const tickets = await this.db.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.contact_id = $1 AND ${visibleTo(viewer, params)} ORDER BY t.updated_at DESC LIMIT 100`,
      params,
    );
    if (tickets.length === 0) throw notFound('contact not found');
    const contact = await this.db.one<{
      id: string;
      name: string | null;
      notes: string | null;
      created_at: Date;
      language: string | null;
      time_zone: string | null;
      tags: string[];
      custom_fields: Record<string, unknown>;
    }>(
      `SELECT id, name, notes, created_at, language, time_zone, tags, custom_fields FROM contacts WHERE id = $1`,
      [id],
    );
    const identities = await this.db.query(
      `SELECT id, kind, address, opted_out_at AS "optedOutAt" FROM contact_identities WHERE contact_id = $1 ORDER BY created_at`,
      [id],
    );
    return {
      id: contact!.id,
      name: contact!.name,
      notes: contact!.notes,
      createdAt: contact!.created_at,
      language: contact!.language,
      timeZone: contact!.time_zone,
      tags: contact!.tags ?? [],
      customFields: contact!.custom_fields ?? {},
      identities,
      tickets: tickets.map(toTicketView),
    };
  }
}
