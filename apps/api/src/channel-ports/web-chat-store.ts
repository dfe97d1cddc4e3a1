import { Injectable } from '@nestjs/common';
import type {
  WebChatAttachmentView,
  WebChatConversationSummary,
  WebChatMessageView,
  WebChatStore,
  WebChatUpload,
  WebChatVisitor,
} from '@switchboard/channel-kit';
import { Db } from '../common/db.js';
import { isUuid } from '@switchboard/contracts';
import { TicketWriter, type DeliveryTarget } from '../tickets/ticket-writer.js';
import { claimIdentity } from '../contacts/identity-linking.js';
import { recordSurveyAnswer } from '../surveys/survey-answers.js';

interface WidgetMessageRow {
  id: string;
  ticket_id: string;
  direction: 'in' | 'out';
  text: string;
  author_name: string | null;
  created_at: Date;
  delivery_state: string | null;
  attachments: Array<{
    id: string;
    filename: string;
    contentType: string;
    size: number;
    accessKey: string;
  }> | null;
  /** Answer buttons of an outbound message (a bot's question, a survey). */
  choices?: Array<{ label: string; value: string }> | null;
}

const VISITOR_COLUMNS = 'id, channel_account_id, external_user_id, name, email';

function attachmentUrl(id: string, accessKey: string): string {
  return `/api/widget/attachments/${id}/${accessKey}`;
}

function toMessage(r: WidgetMessageRow): WebChatMessageView {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    direction: r.direction,
    text: r.text,
    authorName: r.direction === 'out' ? (r.author_name ?? 'Support') : null,
    createdAt: new Date(r.created_at).toISOString(),
    state: r.delivery_state,
    attachments: (r.attachments ?? []).map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      url: attachmentUrl(a.id, a.accessKey),
    })),
    ...(r.choices?.length ? { choices: r.choices } : {}),
  };
}

const MESSAGE_SELECT = `
  SELECT m.id, m.ticket_id, m.direction, m.text, u.name AS author_name, m.created_at, m.delivery_state,
         (SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size, 'accessKey', a.access_key) ORDER BY a.created_at)
            FROM widget_attachments a WHERE a.message_id = m.id) AS attachments,
         CASE WHEN m.direction = 'out' THEN m.meta -> 'choices' END AS choices
    FROM messages m LEFT JOIN users u ON u.id = m.author_id`;

/**
 * The web chat channel's storage (the kit's WEB_CHAT_STORE). Visitors, conversations and uploads
 * are the widget's own tables; whatever a visitor does to a ticket (read receipts, a CSAT answer,
 * a transcript on the timeline) is a ticket change through the TicketWriter.
 */
@Injectable()
export class WebChatStoreService implements WebChatStore {
  constructor(
    private readonly db: Db,
    private readonly writer: TicketWriter,
  ) {}

  async createVisitor(
    accountId: string,
    tokenHash: string,
    ip: string | null,
    fields: { name?: string | null; email?: string | null; externalUserId?: string | null },
  ): Promise<WebChatVisitor> {
    const [row] = await this.db.query<WebChatVisitor>(
      `INSERT INTO widget_visitors (channel_account_id, token_hash, external_user_id, name, email, created_ip) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${VISITOR_COLUMNS}`,
      [accountId, tokenHash, fields.externalUserId ?? null, fields.name ?? null, fields.email ?? null, ip],
    );
    return row;
  }

  async visitorByToken(accountId: string, tokenHash: string): Promise<WebChatVisitor | null> {
    const [row] = await this.db.query<WebChatVisitor>(
      `UPDATE widget_visitors SET last_seen_at = now() WHERE token_hash = $1 AND channel_account_id = $2
       RETURNING ${VISITOR_COLUMNS}`,
      [tokenHash, accountId],
    );
    return row ?? null;
  }

  async updateVisitor(
    id: string,
    fields: { name?: string | null; email?: string | null; externalUserId?: string | null },
  ): Promise<WebChatVisitor> {
    const [row] = await this.db.query<WebChatVisitor>(
      `UPDATE widget_visitors SET name = COALESCE($2, name), email = COALESCE($3, email), external_user_id = COALESCE($4, external_user_id)
        WHERE id = $1 RETURNING ${VISITOR_COLUMNS}`,
      [id, fields.name ?? null, fields.email ?? null, fields.externalUserId ?? null],
    );
    if (fields.email)
      await this.db.query(`UPDATE widget_conversations SET visitor_email = $2 WHERE visitor_id = $1`, [
        id,
        fields.email,
      ]);
    return row;
  }

  async conversations(visitor: WebChatVisitor, limit = 20): Promise<WebChatConversationSummary[]> {
    const rows = await this.db.query<{
      ticket_id: string;
      number: string;
      status: string;
      seq: string;
      created_at: Date;
      visitor_read_at: Date | null;
      agent_read_at: Date | null;
    }>(
      `SELECT c.ticket_id, t.number, t.status, t.seq, c.created_at, c.visitor_read_at, c.agent_read_at
         FROM widget_conversations c JOIN tickets t ON t.id = c.ticket_id
        WHERE c.channel_account_id = $1 AND (c.visitor_id = $2 OR ($3::text IS NOT NULL AND c.external_user_id = $3))
        ORDER BY c.created_at DESC LIMIT $4`,
      [visitor.channel_account_id, visitor.id, visitor.external_user_id, limit],
    );
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      number: Number(r.number),
      status: r.status,
      seq: Number(r.seq),
      createdAt: r.created_at.toISOString(),
      visitorReadAt: r.visitor_read_at?.toISOString() ?? null,
      agentReadAt: r.agent_read_at?.toISOString() ?? null,
    }));
  }

  async visible(visitor: WebChatVisitor, ticketId: string): Promise<boolean> {
    if (!isUuid(ticketId)) return false;
    const rows = await this.db.query(
      `SELECT 1 FROM widget_conversations c
        WHERE c.ticket_id = $4 AND c.channel_account_id = $1 AND (c.visitor_id = $2 OR ($3::text IS NOT NULL AND c.external_user_id = $3))`,
      [visitor.channel_account_id, visitor.id, visitor.external_user_id, ticketId],
    );
    return rows.length > 0;
  }

  async claimConversation(visitor: WebChatVisitor, ticketId: string): Promise<boolean> {
    await this.db.query(
      `INSERT INTO widget_conversations (ticket_id, channel_account_id, visitor_id, external_user_id, visitor_email) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO NOTHING`,
      [ticketId, visitor.channel_account_id, visitor.id, visitor.external_user_id, visitor.email],
    );
    return this.visible(visitor, ticketId);
  }

  /**
   * The typed address threads an email reply onto this ticket's contact while no contact owns
   * it. Owned by another contact, it joins them only for a visitor the host site verified (HMAC);
   * a typed address is unverified and never joins a stranger to someone else's contact, so a
   * merge is suggested instead (see identity-linking).
   */
  async linkEmail(ticketId: string, email: string, verified = false): Promise<void> {
    await this.writer.transaction(async (tx) => {
      const [ticket] = await tx.sql.query<{ contact_id: string }>(
        `SELECT contact_id FROM tickets WHERE id = $1`,
        [ticketId],
      );
      if (ticket)
        await claimIdentity(tx, ticket.contact_id, { kind: 'email', address: email.toLowerCase() }, verified);
    });
  }

  async messages(ticketId: string, limit = 200): Promise<WebChatMessageView[]> {
    const rows = await this.db.query<WidgetMessageRow>(
      `SELECT * FROM (${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.kind = 'message' ORDER BY m.created_at DESC, m.id DESC LIMIT $2) x ORDER BY created_at, id`,
      [ticketId, limit],
    );
    return rows.map(toMessage);
  }

  async message(messageId: string): Promise<WebChatMessageView | null> {
    const [row] = await this.db.query<WidgetMessageRow>(
      `${MESSAGE_SELECT} WHERE m.id = $1 AND m.kind = 'message'`,
      [messageId],
    );
    return row ? toMessage(row) : null;
  }

  async sentMessage(
    messageId: string,
  ): Promise<{ message: WebChatMessageView; status: string; seq: number } | null> {
    const [row] = await this.db.query<WidgetMessageRow & { status: string; seq: string }>(
      `SELECT x.*, t.status, t.seq FROM (${MESSAGE_SELECT} WHERE m.id = $1 AND m.kind = 'message') x
         JOIN tickets t ON t.id = x.ticket_id`,
      [messageId],
    );
    return row ? { message: toMessage(row), status: row.status, seq: Number(row.seq) } : null;
  }

  async conversationOf(ticketId: string): Promise<{
    visitorEmail: string | null;
    visitorName: string | null;
    number: number;
    subject: string;
    channelAccountId: string;
  } | null> {
    const [row] = await this.db.query<{
      visitor_email: string | null;
      name: string | null;
      number: string;
      subject: string;
      channel_account_id: string;
    }>(
      `SELECT COALESCE(c.visitor_email, v.email) AS visitor_email, v.name, t.number, t.subject, c.channel_account_id
         FROM widget_conversations c JOIN widget_visitors v ON v.id = c.visitor_id JOIN tickets t ON t.id = c.ticket_id WHERE c.ticket_id = $1`,
      [ticketId],
    );
    return row
      ? {
          visitorEmail: row.visitor_email,
          visitorName: row.name,
          number: Number(row.number),
          subject: row.subject,
          channelAccountId: row.channel_account_id,
        }
      : null;
  }

  /**
   * The visitor has seen the agents' replies that reached the widget (`sent` or `delivered`):
   * each moves to `read` like a provider's read report would, forward only, and agents hear of it.
   */
  markVisitorRead(ticketId: string): Promise<string> {
    return this.writer.transaction(async (tx) => {
      const [row] = await tx.sql.query<{ visitor_read_at: Date }>(
        `UPDATE widget_conversations SET visitor_read_at = now() WHERE ticket_id = $1 RETURNING visitor_read_at`,
        [ticketId],
      );
      const seen = await tx.sql.query<DeliveryTarget>(
        `SELECT m.id, m.ticket_id, m.delivery_state, t.team_id, t.assignee_id
           FROM messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE m.ticket_id = $1 AND m.direction = 'out' AND m.kind = 'message' AND m.delivery_state IN ('sent', 'delivered')
          ORDER BY m.created_at, m.id FOR UPDATE OF m`,
        [ticketId],
      );
      for (const message of seen) await tx.advanceDelivery(message, 'read', null);
      return (row?.visitor_read_at ?? new Date()).toISOString();
    });
  }

  async markAgentRead(ticketId: string): Promise<string | null> {
    const [row] = await this.db.query<{ agent_read_at: Date }>(
      `UPDATE widget_conversations SET agent_read_at = now() WHERE ticket_id = $1 RETURNING agent_read_at`,
      [ticketId],
    );
    return row ? row.agent_read_at.toISOString() : null;
  }

  async saveAttachment(
    visitor: WebChatVisitor,
    file: Omit<WebChatUpload, 'id'>,
  ): Promise<WebChatAttachmentView> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO widget_attachments (channel_account_id, visitor_id, storage_key, filename, content_type, size, access_key) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        visitor.channel_account_id,
        visitor.id,
        file.storageKey,
        file.filename,
        file.contentType,
        file.size,
        file.accessKey,
      ],
    );
    return {
      id: row.id,
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
      url: attachmentUrl(row.id, file.accessKey),
    };
  }

  async unsentAttachments(visitor: WebChatVisitor, ids: string[]): Promise<WebChatUpload[]> {
    if (ids.length === 0) return [];
    return this.db.query<WebChatUpload>(
      `SELECT id, filename, content_type AS "contentType", size, storage_key AS "storageKey", access_key AS "accessKey"
         FROM widget_attachments WHERE id = ANY($1::uuid[]) AND visitor_id = $2 AND message_id IS NULL`,
      [ids.filter(isUuid), visitor.id],
    );
  }

  async attachToMessage(ids: string[], ticketId: string, messageId: string): Promise<void> {
    if (ids.length)
      await this.db.query(
        `UPDATE widget_attachments SET ticket_id = $2, message_id = $3 WHERE id = ANY($1::uuid[]) AND message_id IS NULL`,
        [ids, ticketId, messageId],
      );
  }

  async attachmentByKey(
    id: string,
    accessKey: string,
  ): Promise<{ storageKey: string; filename: string; contentType: string; size: number } | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<{
      storage_key: string;
      filename: string;
      content_type: string;
      size: number;
      access_key: string;
    }>(`SELECT * FROM widget_attachments WHERE id = $1`, [id]);
    if (!row || row.access_key.length !== accessKey.length || row.access_key !== accessKey) return null;
    return {
      storageKey: row.storage_key,
      filename: row.filename,
      contentType: row.content_type,
      size: row.size,
    };
  }

  /** The answer is stored once per ticket and kind (a second click replaces it) and shown on the timeline. */
  saveSurvey(ticketId: string, score: number, comment: string | null): Promise<'saved' | 'not_solved'> {
    return this.writer.transaction(async (tx) => {
      const ticket = await tx.lock(ticketId);
      if (!ticket || (ticket.status !== 'solved' && ticket.status !== 'closed')) return 'not_solved';
      await recordSurveyAnswer(tx, { ticketId, kind: 'csat', score, comment, channel: 'web_chat' });
      return 'saved' as const;
    });
  }

  /**
   * The conversation row is locked so that two requests at once cannot both take the last
   * transcript of the day; the reservation is the timeline event itself.
   */
  reserveTranscript(ticketId: string, to: string, perDay: number): Promise<string | null> {
    return this.writer.transaction(async (tx) => {
      await tx.sql.query(`SELECT 1 FROM widget_conversations WHERE ticket_id = $1 FOR UPDATE`, [ticketId]);
      const [{ sent }] = await tx.sql.query<{ sent: number }>(
        `SELECT count(*)::int AS sent FROM ticket_events WHERE ticket_id = $1 AND type = 'transcript_sent' AND created_at > now() - interval '1 day'`,
        [ticketId],
      );
      if (sent >= perDay) return null;
      const ticket = await tx.touch(ticketId);
      const reservation = await tx.appendEvent(ticket, 'transcript_sent', { to, channel: 'web_chat' });
      await tx.ticketUpdated(ticket, {});
      return reservation;
    });
  }

  async releaseTranscript(reservationId: string): Promise<void> {
    await this.writer.transaction(async (tx) => {
      const ticketId = await tx.withdrawEvent(reservationId, 'transcript_sent');
      if (ticketId) await tx.ticketUpdated(await tx.touch(ticketId), {});
    });
  }
}
