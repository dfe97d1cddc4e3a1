import { Injectable, Logger } from '@nestjs/common';
import { describeError, notFound } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { scopeOf, TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { fileKeysOf, queueFileDeletions, StoredFileEraser } from './stored-files.js';

/** What an erasure did, for the answer and the audit entry (counts only: the data is gone). */
export interface ContactErasure {
  contactId: string;
  erasedAt: string;
  tickets: number;
  messages: number;
  identities: number;
  files: number;
}

/** Message meta keys that hold no personal data and that engines still read (mentions, automatic replies). */
const KEPT_MESSAGE_META = ['mentions', 'autoAcknowledgement', 'automated'];

/**
 * Per timeline event type, the data keys that quote the customer or the agents' words about them:
 * subjects, notes, survey comments, names and addresses. Everything else (statuses, ids, times)
 * stays, because reports and the review flags read it.
 */
const PERSONAL_EVENT_KEYS: Record<string, string[]> = {
  held: ['note'],
  transferred: ['note'],
  survey: ['comment'],
  transcript_sent: ['to'],
  subject_changed: ['from', 'to'],
  contact_merged: ['fromContactName', 'intoContactName'],
  contact_updated: ['changes'],
  custom_fields_changed: ['fields'],
  updated: ['subject', 'customFields'],
};

/**
 * Erases a contact (a deletion request): what they wrote, the files and raw mail they sent, their
 * addresses and profile are removed or blanked, so no search finds them again; their tickets stay
 * with their times, statuses, SLA ledger and scores, so reports count what they counted before.
 * One transaction through the ticket writer: each ticket moves its seq, records the erasure on its
 * timeline and tells agents' screens; files go after the commit (queued in it).
 */
@Injectable()
export class ContactEraser {
  private readonly logger = new Logger('ContactEraser');

  constructor(
    private readonly writer: TicketWriter,
    private readonly files: StoredFileEraser,
  ) {}

  async erase(contactId: string, actorId: string | null): Promise<ContactErasure> {
    if (!isUuid(contactId)) throw notFound('contact not found');
    const result = await this.writer.transaction((tx) => eraseContact(tx, contactId, actorId));
    // The erasure has committed; files a failed removal leaves stay queued for the retention worker.
    await this.files
      .drain()
      .catch((err: unknown) =>
        this.logger.warn(`files of an erased contact wait for the next sweep: ${describeError(err)}`),
      );
    return result;
  }
}

async function eraseContact(
  tx: TicketTx,
  contactId: string,
  actorId: string | null,
): Promise<ContactErasure> {
  const { sql } = tx;
  // The lock ingest takes per contact: no message threads onto a contact while it is being erased.
  await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [contactId]);
  const [contact] = await sql.query<{ id: string }>(`SELECT id FROM contacts WHERE id = $1 FOR UPDATE`, [
    contactId,
  ]);
  if (!contact) throw notFound('contact not found');

  const identities = await sql.query<{ id: string; address: string }>(
    `SELECT id, address FROM contact_identities WHERE contact_id = $1`,
    [contactId],
  );
  const identityIds = identities.map((i) => i.id);
  const addresses = identities.map((i) => i.address);

  // Their tickets keep counting in reports; subject and field values are their words.
  const tickets = await tx.touchWhere(
    'contact_id = $1',
    [contactId],
    `subject = '', custom_fields = '{}'::jsonb`,
  );
  const ticketIds = tickets.map((t) => t.id);

  // Every message on their tickets (replies quote them, notes discuss them) and what they wrote elsewhere (as a copied participant).
  const messages = await sql.query<{ id: string }>(
    `SELECT id FROM messages WHERE ticket_id = ANY($1::uuid[]) OR identity_id = ANY($2::uuid[])`,
    [ticketIds, identityIds],
  );
  const messageIds = messages.map((m) => m.id);
  const fileKeys = await fileKeysOf(sql, { ticketIds, messageIds });

  await eraseMessages(sql, messageIds);
  await eraseTicketTraces(sql, ticketIds, messageIds, addresses);
  await eraseProfile(sql, contactId, addresses);
  await queueFileDeletions(sql, fileKeys);

  const erasedAt = new Date().toISOString();
  for (const t of tickets) {
    await tx.appendEvent(t, 'contact_updated', { erased: true }, actorId);
    await tx.emit(
      t.id,
      'ticket.updated',
      {
        ticketId: t.id,
        seq: Number(t.seq),
        changes: { subject: '', contact: { id: contactId, name: null } },
      },
      scopeOf(t),
    );
  }
  return {
    contactId,
    erasedAt,
    tickets: tickets.length,
    messages: messageIds.length,
    identities: identities.length,
    files: new Set(fileKeys).size,
  };
}

/** Bodies, files, provider ids and addresses leave the messages; direction, kind, times and delivery states stay. */
async function eraseMessages(sql: Sql, messageIds: string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await sql.query(
    `UPDATE messages
        SET text = '', html = NULL, identity_id = NULL, external_id = NULL, delivery_error = NULL,
            meta = jsonb_build_object('erased', true) || COALESCE((SELECT jsonb_object_agg(key, value) FROM jsonb_each(meta) WHERE key = ANY($2::text[])), '{}')
      WHERE id = ANY($1::uuid[])`,
    [messageIds, KEPT_MESSAGE_META],
  );
  await sql.query(`DELETE FROM outbound_attachments WHERE message_id = ANY($1::uuid[])`, [messageIds]);
  await sql.query(`DELETE FROM widget_attachments WHERE message_id = ANY($1::uuid[])`, [messageIds]);
  await sql.query(`DELETE FROM email_bounces WHERE message_id = ANY($1::uuid[])`, [messageIds]);
  await sql.query(`DELETE FROM email_quarantine WHERE reimported_message_id = ANY($1::uuid[])`, [messageIds]);
  await sql.query(`DELETE FROM demo_deliveries WHERE message_id = ANY($1::uuid[])`, [messageIds]);
  // Provider ids chosen by an integration can carry anything; a provider's retry of an erased message is long over.
  await sql.query(`DELETE FROM inbound_receipts WHERE message_id = ANY($1::uuid[])`, [messageIds]);
  // A reply not yet sent has nothing left to send and nobody to send it to.
  await sql.query(`DELETE FROM outbound_jobs WHERE message_id = ANY($1::uuid[])`, [messageIds]);
  await sql.query(
    `UPDATE messages SET delivery_state = 'failed', delivery_error = 'not sent: the contact was erased'
      WHERE id = ANY($1::uuid[]) AND delivery_state IN ('queued', 'sending')`,
    [messageIds],
  );
}

/** What else around their tickets names them: threads, copies, chats, notifications, timeline data, queued events. */
async function eraseTicketTraces(
  sql: Sql,
  ticketIds: string[],
  messageIds: string[],
  addresses: string[],
): Promise<void> {
  await sql.query(`DELETE FROM outbound_attachments WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
  await sql.query(`DELETE FROM widget_attachments WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
  await sql.query(`DELETE FROM email_quarantine WHERE reimported_ticket_id = ANY($1::uuid[])`, [ticketIds]);
  // Thread keys carry message ids and phone numbers; without them a new message opens a new ticket.
  await sql.query(
    `UPDATE ticket_merges SET moved_thread_keys = '[]'::jsonb
      WHERE source_ticket_id = ANY($1::uuid[]) OR target_ticket_id = ANY($1::uuid[])`,
    [ticketIds],
  );
  await sql.query(`DELETE FROM ticket_thread_keys WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
  await sql.query(
    `DELETE FROM ticket_copied_addresses WHERE ticket_id = ANY($1::uuid[]) OR address = ANY($2::text[])`,
    [ticketIds, addresses],
  );
  await sql.query(`DELETE FROM notifications WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
  await sql.query(
    `UPDATE widget_visitors SET name = NULL, email = NULL, external_user_id = NULL, created_ip = NULL
      WHERE id IN (SELECT visitor_id FROM widget_conversations WHERE ticket_id = ANY($1::uuid[]))`,
    [ticketIds],
  );
  // The visitor's browser no longer finds these conversations.
  await sql.query(`DELETE FROM widget_conversations WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
  // A bot's memory of the conversation (their first question, the answers it collected) and what it sent to an external bot.
  await sql.query(
    `UPDATE bot_sessions SET question = NULL, collected = '{}'::jsonb WHERE ticket_id = ANY($1::uuid[])`,
    [ticketIds],
  );
  await sql.query(`DELETE FROM bot_webhook_deliveries WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
  // Scores stay for the reports; what they wrote with them goes.
  await sql.query(`UPDATE survey_responses SET comment = NULL WHERE ticket_id = ANY($1::uuid[])`, [
    ticketIds,
  ]);
  for (const [type, keys] of Object.entries(PERSONAL_EVENT_KEYS))
    await sql.query(
      `UPDATE ticket_events SET data = data - $3::text[] WHERE ticket_id = ANY($1::uuid[]) AND type = $2 AND data ?| $3::text[]`,
      [ticketIds, type, keys],
    );
  await eraseOutboxPayloads(sql, ticketIds, messageIds);
}

/**
 * Committed outbox rows keep the payloads that went to agents' screens (message bodies, subjects,
 * names). They are blanked in place, keeping their shape, so a consumer that has not read them yet
 * still can, and sees the erased values.
 */
async function eraseOutboxPayloads(sql: Sql, ticketIds: string[], messageIds: string[]): Promise<void> {
  // Webhook deliveries keep the exact body sent (or still to send) for each of these events: the
  // log rows go, and what has not gone out yet never will.
  await sql.query(
    `DELETE FROM webhook_deliveries d USING outbox_events o
      WHERE o.ticket_id = ANY($1::uuid[]) AND d.event_id = 'evt_' || o.id`,
    [ticketIds],
  );
  if (messageIds.length)
    await sql.query(
      `DELETE FROM webhook_deliveries
        WHERE event IN ('message.created', 'message.updated') AND (body::jsonb #>> '{data,message,id}') = ANY($1::text[])`,
      [messageIds],
    );
  await sql.query(
    `UPDATE outbox_events SET payload = jsonb_set(payload, '{payload,message}',
            (payload #> '{payload,message}') || jsonb_build_object('text', '', 'html', null, 'externalId', null, 'deliveryError', null, 'attachments', '[]'::jsonb))
      WHERE ticket_id = ANY($1::uuid[]) AND jsonb_typeof(payload #> '{payload,message}') = 'object'`,
    [ticketIds],
  );
  await sql.query(
    `UPDATE outbox_events SET payload = jsonb_set(payload, '{payload,ticket}',
            (payload #> '{payload,ticket}') || jsonb_build_object('subject', '', 'customFields', '{}'::jsonb,
              'contact', (payload #> '{payload,ticket,contact}') || jsonb_build_object('name', null)))
      WHERE ticket_id = ANY($1::uuid[]) AND jsonb_typeof(payload #> '{payload,ticket,contact}') = 'object'`,
    [ticketIds],
  );
  await sql.query(
    `UPDATE outbox_events SET payload = payload #- '{payload,changes,subject}' #- '{payload,changes,contact,name}' #- '{payload,changes,customFields}'
      WHERE ticket_id = ANY($1::uuid[]) AND jsonb_typeof(payload #> '{payload,changes}') = 'object'`,
    [ticketIds],
  );
  // What went to the engines only (a survey answer's comment).
  await sql.query(
    `UPDATE outbox_events SET payload = payload #- '{payload,comment}' #- '{payload,subject}'
      WHERE ticket_id = ANY($1::uuid[]) AND jsonb_typeof(payload -> 'payload') = 'object'`,
    [ticketIds],
  );
  // Events of other tickets that carried one of their messages (written as a participant).
  if (messageIds.length)
    await sql.query(
      `UPDATE outbox_events SET payload = jsonb_set(payload, '{payload,message}',
              (payload #> '{payload,message}') || jsonb_build_object('text', '', 'html', null, 'attachments', '[]'::jsonb))
        WHERE NOT (ticket_id = ANY($1::uuid[])) AND payload #>> '{payload,message,id}' = ANY($2::text[])`,
      [ticketIds, messageIds],
    );
}

/** The person: addresses, notes, profile, merge history and suggestions; the row stays, marked erased. */
async function eraseProfile(sql: Sql, contactId: string, addresses: string[]): Promise<void> {
  await sql.query(`DELETE FROM ticket_participants WHERE contact_id = $1`, [contactId]);
  await sql.query(
    `DELETE FROM contact_merge_suggestions WHERE contact_id = $1 OR other_contact_id = $1 OR address = ANY($2::text[])`,
    [contactId, addresses],
  );
  await sql.query(`UPDATE contact_merges SET merged_contact_name = NULL WHERE into_contact_id = $1`, [
    contactId,
  ]);
  await sql.query(`DELETE FROM email_acknowledgements WHERE contact_id = $1`, [contactId]);
  await sql.query(`DELETE FROM contact_notes WHERE contact_id = $1`, [contactId]);
  await sql.query(
    `UPDATE messages SET identity_id = NULL WHERE identity_id IN (SELECT id FROM contact_identities WHERE contact_id = $1)`,
    [contactId],
  );
  await sql.query(`DELETE FROM contact_identities WHERE contact_id = $1`, [contactId]);
  await sql.query(
    `UPDATE contacts SET name = NULL, notes = NULL, tags = '{}', custom_fields = '{}'::jsonb, language = NULL,
            time_zone = NULL, organization_id = NULL, erased_at = now(), updated_at = now()
      WHERE id = $1`,
    [contactId],
  );
}
