import { Injectable } from '@nestjs/common';
import { notFound } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { isStoredFileKey } from './stored-files.js';

/** A file of the export: where it sits in the archive and which stored file it is. */
export interface ExportFile {
  path: string;
  storageKey: string;
}

export interface ContactExport {
  /** `contact.json`: everything about the contact, files referred to by their path in the archive. */
  document: Record<string, unknown>;
  files: ExportFile[];
}

interface StoredAttachment {
  filename?: string;
  contentType?: string;
  size?: number;
  storageKey?: string;
  rejectedReason?: string;
}

interface MessageRow {
  id: string;
  ticket_id: string;
  ticket_number: string;
  direction: string;
  kind: string;
  channel: string;
  author_name: string | null;
  text: string;
  html: string | null;
  delivery_state: string | null;
  created_at: Date;
  attachments: StoredAttachment[] | null;
  raw_key: string | null;
  own_ticket: boolean;
}

/** A name safe inside a zip: no directories, no control characters, not empty. */
function archiveName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return cleaned || fallback;
}

/**
 * Everything the helpdesk holds about one contact (a subject access request): the profile with
 * its custom fields, identities, notes about them, their tickets with every message and the files
 * and raw mail those carry, messages they wrote on others' tickets, and their survey answers.
 */
@Injectable()
export class ContactExporter {
  constructor(private readonly db: Db) {}

  async export(contactId: string): Promise<ContactExport> {
    if (!isUuid(contactId)) throw notFound('contact not found');
    const contact = await this.db.one<{
      id: string;
      name: string | null;
      notes: string | null;
      tags: string[];
      language: string | null;
      time_zone: string | null;
      organization: string | null;
      custom_fields: Record<string, unknown>;
      created_at: Date;
      erased_at: Date | null;
    }>(
      `SELECT c.id, c.name, c.notes, c.tags, c.language, c.time_zone, o.name AS organization, c.custom_fields,
              c.created_at, c.erased_at
         FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
      [contactId],
    );
    if (!contact) throw notFound('contact not found');
    const [fields, identities, notes, tickets, messages, surveys] = await Promise.all([
      this.db.query<{ key: string; label: string; type: string }>(
        `SELECT key, label, type FROM custom_fields WHERE entity = 'contact' ORDER BY sort_order, label`,
      ),
      this.db.query(
        `SELECT kind, address, created_at AS "createdAt", opted_out_at AS "optedOutAt"
           FROM contact_identities WHERE contact_id = $1 ORDER BY created_at`,
        [contactId],
      ),
      this.db.query(
        `SELECT n.body, u.name AS author, n.created_at AS "createdAt"
           FROM contact_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.contact_id = $1 ORDER BY n.created_at`,
        [contactId],
      ),
      this.db.query<{ id: string; number: string } & Record<string, unknown>>(
        `SELECT t.id, t.number, t.subject, t.status, t.priority, t.channel, t.tags, t.custom_fields AS "customFields",
                t.created_at AS "createdAt", t.solved_at AS "solvedAt", t.updated_at AS "updatedAt"
           FROM tickets t WHERE t.contact_id = $1 ORDER BY t.created_at`,
        [contactId],
      ),
      this.db.query<MessageRow>(
        `SELECT m.id, m.ticket_id, t.number AS ticket_number, m.direction, m.kind, m.channel, u.name AS author_name,
                m.text, m.html, m.delivery_state, m.created_at, m.meta->'attachments' AS attachments,
                m.meta->>'rawStorageKey' AS raw_key, t.contact_id = $1 AS own_ticket
           FROM messages m JOIN tickets t ON t.id = m.ticket_id LEFT JOIN users u ON u.id = m.author_id
          -- Two index lookups, not one OR across both tables (which reads every message).
          WHERE m.id IN (SELECT mt.id FROM tickets tc JOIN messages mt ON mt.ticket_id = tc.id WHERE tc.contact_id = $1
                         UNION
                         SELECT mi.id FROM messages mi
                          WHERE mi.identity_id IN (SELECT id FROM contact_identities WHERE contact_id = $1))
          ORDER BY m.created_at, m.id`,
        [contactId],
      ),
      this.db.query(
        `SELECT t.number AS "ticketNumber", s.kind, s.score, s.comment, s.channel, s.answered_at AS "answeredAt"
           FROM survey_responses s JOIN tickets t ON t.id = s.ticket_id
          WHERE t.contact_id = $1 OR s.contact_id = $1 ORDER BY s.answered_at`,
        [contactId],
      ),
    ]);

    const files: ExportFile[] = [];
    const messageEntry = (m: MessageRow) => {
      const folder = `files/ticket-${m.ticket_number}/${m.id}`;
      const attachments = (Array.isArray(m.attachments) ? m.attachments : []).map((a, index) => {
        const stored = isStoredFileKey(a.storageKey) && !a.rejectedReason;
        const path = stored
          ? `${folder}/${index + 1}-${archiveName(a.filename, `attachment-${index + 1}`)}`
          : null;
        if (path) files.push({ path, storageKey: a.storageKey! });
        return {
          filename: a.filename ?? null,
          contentType: a.contentType ?? null,
          size: a.size ?? null,
          file: path,
          ...(a.rejectedReason ? { rejectedReason: a.rejectedReason } : {}),
        };
      });
      let rawMail: string | null = null;
      if (isStoredFileKey(m.raw_key)) {
        rawMail = `${folder}/original.eml`;
        files.push({ path: rawMail, storageKey: m.raw_key });
      }
      return {
        id: m.id,
        ticketNumber: Number(m.ticket_number),
        direction: m.direction,
        kind: m.kind,
        channel: m.channel,
        author: m.author_name,
        text: m.text,
        html: m.html,
        deliveryState: m.delivery_state,
        createdAt: m.created_at.toISOString(),
        attachments,
        rawMail,
      };
    };

    const document = {
      format: 'switchboard.contact-export.v1',
      exportedAt: new Date().toISOString(),
      contact: {
        id: contact.id,
        name: contact.name,
        notes: contact.notes,
        tags: contact.tags,
        language: contact.language,
        timeZone: contact.time_zone,
        organization: contact.organization,
        createdAt: contact.created_at.toISOString(),
        erasedAt: contact.erased_at?.toISOString() ?? null,
        customFields: Object.entries(contact.custom_fields ?? {}).map(([key, value]) => {
          const field = fields.find((f) => f.key === key);
          return { key, label: field?.label ?? key, type: field?.type ?? null, value };
        }),
      },
      identities,
      notes,
      tickets: tickets.map((t) => ({
        ...t,
        number: Number(t.number),
        messages: messages.filter((m) => m.own_ticket && m.ticket_id === t.id).map(messageEntry),
      })),
      messagesOnOtherTickets: messages.filter((m) => !m.own_ticket).map(messageEntry),
      surveyAnswers: surveys,
    };
    return { document, files };
  }
}
