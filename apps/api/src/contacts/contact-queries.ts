import { Injectable } from '@nestjs/common';
import type { ContactNoteView, ContactSatisfactionView } from '@switchboard/contracts';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { TICKET_COLUMNS, TICKET_FROM, toTicketView, type TicketRow } from '../tickets/ticket-rows.js';
import { notFound } from '@switchboard/domain';
import { requireVisibleContact } from './contact-visibility.js';

interface ContactRow {
  id: string;
  name: string | null;
  notes: string | null;
  tags: string[];
  language: string | null;
  time_zone: string | null;
  organization_id: string | null;
  organization_name: string | null;
  custom_fields: Record<string, unknown>;
  created_at: Date;
}

/** Reads of one contact, under the ticket visibility rule. */
@Injectable()
export class ContactQueries {
  constructor(private readonly db: Db) {}

  /**
   * A contact's profile, identities, the tickets of theirs the viewer may see, their notes and
   * satisfaction answers on those tickets; a contact the viewer may not see is a 404.
   */
  async get(viewer: AuthenticatedViewer, id: string) {
    if (!isUuid(id)) throw notFound('contact not found');
    await requireVisibleContact(this.db, viewer, id);
    const params: unknown[] = [id];
    const visible = visibleTo(viewer, params);
    const [contact, identities, tickets, notes, satisfaction] = await Promise.all([
      this.db.one<ContactRow>(
        `SELECT c.id, c.name, c.notes, c.tags, c.language, c.time_zone, c.organization_id,
                o.name AS organization_name, c.custom_fields, c.created_at
           FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
        [id],
      ),
      this.db.query(
        `SELECT id, kind, address, opted_out_at AS "optedOutAt" FROM contact_identities WHERE contact_id = $1 ORDER BY created_at`,
        [id],
      ),
      this.db.query<TicketRow>(
        `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.contact_id = $1 AND ${visible} ORDER BY t.updated_at DESC LIMIT 100`,
        params,
      ),
      this.notes(id),
      this.satisfaction(viewer, id),
    ]);
    if (!contact) throw notFound('contact not found');
    return {
      id: contact.id,
      name: contact.name,
      notes: contact.notes,
      tags: contact.tags,
      language: contact.language,
      timeZone: contact.time_zone,
      organization: contact.organization_id
        ? { id: contact.organization_id, name: contact.organization_name! }
        : null,
      customFields: contact.custom_fields ?? {},
      createdAt: contact.created_at,
      identities,
      tickets: tickets.map(toTicketView),
      contactNotes: notes,
      satisfaction,
    };
  }

  /** The contact's notes, newest first (the caller has checked the contact is visible). */
  async notes(contactId: string): Promise<ContactNoteView[]> {
    const rows = await this.db.query<{
      id: string;
      body: string;
      author_id: string | null;
      author_name: string | null;
      created_at: Date;
    }>(
      `SELECT n.id, n.body, n.author_id, u.name AS author_name, n.created_at
         FROM contact_notes n LEFT JOIN users u ON u.id = n.author_id
        WHERE n.contact_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT 200`,
      [contactId],
    );
    return rows.map((r) => ({
      id: r.id,
      body: r.body,
      author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Survey answers on the contact's tickets the viewer may see, newest first. */
  async satisfaction(viewer: AuthenticatedViewer, contactId: string): Promise<ContactSatisfactionView[]> {
    const params: unknown[] = [contactId];
    const rows = await this.db.query<{
      ticket_id: string;
      number: string;
      kind: string;
      score: number;
      comment: string | null;
      created_at: Date;
      agent_name: string | null;
    }>(
      `SELECT s.ticket_id, t.number, s.kind, s.score, s.comment, s.created_at, u.name AS agent_name
         FROM survey_responses s JOIN tickets t ON t.id = s.ticket_id LEFT JOIN users u ON u.id = s.agent_id
        WHERE t.contact_id = $1 AND ${visibleTo(viewer, params)}
        ORDER BY s.created_at DESC LIMIT 100`,
      params,
    );
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      ticketNumber: Number(r.number),
      kind: r.kind,
      score: Number(r.score),
      comment: r.comment,
      createdAt: r.created_at.toISOString(),
      agentName: r.agent_name,
    }));
  }
}
