import { Injectable } from '@nestjs/common';
import { isUuid } from '@switchboard/contracts';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

export interface VisitorRow {
  id: string;
  channel_account_id: string;
  external_user_id: string | null;
  name: string | null;
  email: string | null;
}

export interface ConversationSummary {
  ticketId: string;
  number: number;
  status: string;
  createdAt: string;
  visitorReadAt: string | null;
  agentReadAt: string | null;
}

export interface WidgetAttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}

/** A message as a visitor sees it: no notes, no delivery internals, the agent's name only. */
export interface WidgetMessageView {
  id: string;
  ticketId: string;
  direction: 'in' | 'out';
  text: string;
  authorName: string | null;
  createdAt: string;
  state: string | null;
  attachments: WidgetAttachmentView[];
}

interface MessageRow {
  id: string;
  ticket_id: string;
  direction: 'in' | 'out';
  text: string;
  author_name: string | null;
  created_at: Date;
  delivery_state: string | null;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; accessKey: string }> | null;
}

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export function attachmentUrl(id: string, accessKey: string): string {
  return `/api/widget/attachments/${id}/${accessKey}`;
}

function toMessage(r: MessageRow): WidgetMessageView {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    direction: r.direction,
    text: r.text,
    authorName: r.direction === 'out' ? (r.author_name ?? 'Support') : null,
    createdAt: new Date(r.created_at).toISOString(),
    state: r.delivery_state,
    attachments: (r.attachments ?? []).map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, url: attachmentUrl(a.id, a.accessKey) })),
  };
}

const MESSAGE_SELECT = `
  SELECT m.id, m.ticket_id, m.direction, m.text, u.name AS author_name, m.created_at, m.delivery_state,
         (SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size, 'accessKey', a.access_key) ORDER BY a.created_at)
            FROM widget_attachments a WHERE a.message_id = m.id) AS attachments
    FROM messages m LEFT JOIN users u ON u.id = m.author_id`;

/**
 * The widget's SQL. Every read a visitor can trigger goes through `visible`: a visitor sees a
 * ticket only through a `widget_conversations` row naming them, or naming the verified user id
 * they proved with the account's HMAC. Contacts, emails and ticket ids grant nothing.
 */
@Injectable()
export class WidgetStore {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  private readonly query: Query = async <T>(sql: string, params: unknown[] = []) => (await this.pool.query(sql, params)).rows as T[];

  private async tx<T>(work: (q: Query) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(async <R>(s: string, p: unknown[] = []) => (await client.query(s, p)).rows as R[]);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async createVisitor(accountId: string, tokenHash: string, ip: string | null, fields: { name?: string | null; email?: string | null; externalUserId?: string | null }): Promise<VisitorRow> {
    const [row] = await this.query<VisitorRow>(
      `INSERT INTO widget_visitors (channel_account_id, token_hash, external_user_id, name, email, created_ip) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, channel_account_id, external_user_id, name, email`,
      [accountId, tokenHash, fields.externalUserId ?? null, fields.name ?? null, fields.email ?? null, ip],
    );
    return row;
  }

  async visitorByToken(accountId: string, tokenHash: string): Promise<VisitorRow | null> {
    const [row] = await this.query<VisitorRow>(
      `UPDATE widget_visitors SET last_seen_at = now() WHERE token_hash = $1 AND channel_account_id = $2
       RETURNING id, channel_account_id, external_user_id, name, email`,
      [tokenHash, accountId],
    );
    return row ?? null;
  }

  async updateVisitor(id: string, fields: { name?: string | null; email?: string | null; externalUserId?: string | null }): Promise<VisitorRow> {
    const [row] = await this.query<VisitorRow>(
      `UPDATE widget_visitors SET name = COALESCE($2, name), email = COALESCE($3, email), external_user_id = COALESCE($4, external_user_id)
        WHERE id = $1 RETURNING id, channel_account_id, external_user_id, name, email`,
      [id, fields.name ?? null, fields.email ?? null, fields.externalUserId ?? null],
    );
    if (fields.email) await this.query(`UPDATE widget_conversations SET visitor_email = $2 WHERE visitor_id = $1`, [id, fields.email]);
    return row;
  }

  /** The visitor's conversations, newest first. */
  async conversations(visitor: VisitorRow, limit = 20): Promise<ConversationSummary[]> {
    const rows = await this.query<{ ticket_id: string; number: string; status: string; created_at: Date; visitor_read_at: Date | null; agent_read_at: Date | null }>(
      `SELECT c.ticket_id, t.number, t.status, c.created_at, c.visitor_read_at, c.agent_read_at
         FROM widget_conversations c JOIN tickets t ON t.id = c.ticket_id
        WHERE c.channel_account_id = $1 AND (c.visitor_id = $2 OR ($3::text IS NOT NULL AND c.external_user_id = $3))
        ORDER BY c.created_at DESC LIMIT $4`,
      [visitor.channel_account_id, visitor.id, visitor.external_user_id, limit],
    );
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      number: Number(r.number),
      status: r.status,
      createdAt: r.created_at.toISOString(),
      visitorReadAt: r.visitor_read_at?.toISOString() ?? null,
      agentReadAt: r.agent_read_at?.toISOString() ?? null,
    }));
  }

  async visible(visitor: VisitorRow, ticketId: string): Promise<boolean> {
    if (!isUuid(ticketId)) return false;
    const rows = await this.query(
      `SELECT 1 FROM widget_conversations c
        WHERE c.ticket_id = $4 AND c.channel_account_id = $1 AND (c.visitor_id = $2 OR ($3::text IS NOT NULL AND c.external_user_id = $3))`,
      [visitor.channel_account_id, visitor.id, visitor.external_user_id, ticketId],
    );
    return rows.length > 0;
  }

  /** Records that this visitor's message made or continued a ticket; an existing row is never taken over. */
  async claimConversation(visitor: VisitorRow, ticketId: string): Promise<boolean> {
    await this.query(
      `INSERT INTO widget_conversations (ticket_id, channel_account_id, visitor_id, external_user_id, visitor_email) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO NOTHING`,
      [ticketId, visitor.channel_account_id, visitor.id, visitor.external_user_id, visitor.email],
    );
    return this.visible(visitor, ticketId);
  }

  /**
   * Gives the ticket's contact the email address the visitor typed, so an email reply from that
   * address threads onto this ticket, but only when no contact owns that address yet: a typed
   * address is unverified and must never join a stranger to someone else's contact.
   */
  async linkEmail(ticketId: string, email: string): Promise<void> {
    await this.query(
      `INSERT INTO contact_identities (contact_id, kind, address) SELECT contact_id, 'email', $2 FROM tickets WHERE id = $1
       ON CONFLICT (kind, address) DO NOTHING`,
      [ticketId, email.toLowerCase()],
    );
  }

  async messages(ticketId: string, limit = 200): Promise<WidgetMessageView[]> {
    const rows = await this.query<MessageRow>(
      `SELECT * FROM (${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.kind = 'message' ORDER BY m.created_at DESC, m.id DESC LIMIT $2) x ORDER BY created_at, id`,
      [ticketId, limit],
    );
    return rows.map(toMessage);
  }

  async message(messageId: string): Promise<WidgetMessageView | null> {
    const [row] = await this.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.id = $1 AND m.kind = 'message'`, [messageId]);
    return row ? toMessage(row) : null;
  }

  async conversationOf(ticketId: string): Promise<{ visitorEmail: string | null; visitorName: string | null; number: number; subject: string; channelAccountId: string } | null> {
    const [row] = await this.query<{ visitor_email: string | null; name: string | null; number: string; subject: string; channel_account_id: string }>(
      `SELECT COALESCE(c.visitor_email, v.email) AS visitor_email, v.name, t.number, t.subject, c.channel_account_id
         FROM widget_conversations c JOIN widget_visitors v ON v.id = c.visitor_id JOIN tickets t ON t.id = c.ticket_id WHERE c.ticket_id = $1`,
      [ticketId],
    );
    return row ? { visitorEmail: row.visitor_email, visitorName: row.name, number: Number(row.number), subject: row.subject, channelAccountId: row.channel_account_id } : null;
  }

  async markVisitorRead(ticketId: string): Promise<string> {
    const [row] = await this.query<{ visitor_read_at: Date }>(`UPDATE widget_conversations SET visitor_read_at = now() WHERE ticket_id = $1 RETURNING visitor_read_at`, [ticketId]);
    await this.query(
      `UPDATE messages SET delivery_state = 'read' WHERE ticket_id = $1 AND direction = 'out' AND kind = 'message' AND delivery_state IN ('sent', 'delivered')`,
      [ticketId],
    );
    return (row?.visitor_read_at ?? new Date()).toISOString();
  }

  async markAgentRead(ticketId: string): Promise<string | null> {
    const [row] = await this.query<{ agent_read_at: Date }>(`UPDATE widget_conversations SET agent_read_at = now() WHERE ticket_id = $1 RETURNING agent_read_at`, [ticketId]);
    return row ? row.agent_read_at.toISOString() : null;
  }

  async saveAttachment(visitor: VisitorRow, file: { storageKey: string; filename: string; contentType: string; size: number; accessKey: string }): Promise<WidgetAttachmentView> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO widget_attachments (channel_account_id, visitor_id, storage_key, filename, content_type, size, access_key) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [visitor.channel_account_id, visitor.id, file.storageKey, file.filename, file.contentType, file.size, file.accessKey],
    );
    return { id: row.id, filename: file.filename, contentType: file.contentType, size: file.size, url: attachmentUrl(row.id, file.accessKey) };
  }

  /** The visitor's own uploads not yet sent with a message. */
  async unsentAttachments(visitor: VisitorRow, ids: string[]): Promise<Array<{ id: string; filename: string; contentType: string; size: number; storageKey: string; accessKey: string }>> {
    if (ids.length === 0) return [];
    return this.query(
      `SELECT id, filename, content_type AS "contentType", size, storage_key AS "storageKey", access_key AS "accessKey"
         FROM widget_attachments WHERE id = ANY($1::uuid[]) AND visitor_id = $2 AND message_id IS NULL`,
      [ids.filter(isUuid), visitor.id],
    );
  }

  async attachToMessage(ids: string[], ticketId: string, messageId: string): Promise<void> {
    if (ids.length) await this.query(`UPDATE widget_attachments SET ticket_id = $2, message_id = $3 WHERE id = ANY($1::uuid[]) AND message_id IS NULL`, [ids, ticketId, messageId]);
  }

  async attachmentByKey(id: string, accessKey: string): Promise<{ storageKey: string; filename: string; contentType: string; size: number } | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.query<{ storage_key: string; filename: string; content_type: string; size: number; access_key: string }>(`SELECT * FROM widget_attachments WHERE id = $1`, [id]);
    if (!row || row.access_key.length !== accessKey.length || row.access_key !== accessKey) return null;
    return { storageKey: row.storage_key, filename: row.filename, contentType: row.content_type, size: row.size };
  }

  /**
   * Stores a CSAT answer on a solved (or closed) ticket and records it on the timeline. A second
   * click replaces the first answer rather than adding another.
   */
  async saveSurvey(ticketId: string, score: number, comment: string | null): Promise<'saved' | 'not_solved'> {
    return this.tx(async (q) => {
      const [ticket] = await q<{ status: string; seq: string }>(`SELECT status, seq FROM tickets WHERE id = $1 FOR UPDATE`, [ticketId]);
      if (!ticket || (ticket.status !== 'solved' && ticket.status !== 'closed')) return 'not_solved';
      await q(
        `INSERT INTO survey_responses (ticket_id, kind, score, comment, channel) VALUES ($1, 'csat', $2, $3, 'web_chat')
         ON CONFLICT (ticket_id, kind) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment, updated_at = now()`,
        [ticketId, score, comment],
      );
      await q(`INSERT INTO ticket_events (ticket_id, seq, type, data) VALUES ($1, $2, 'survey', $3)`, [ticketId, ticket.seq, { kind: 'csat', score, comment, channel: 'web_chat' }]);
      return 'saved';
    });
  }

  /**
   * Takes one of the conversation's transcripts for the last 24 hours and shows it on the
   * ticket's timeline; null when `perDay` were already sent. The conversation row is locked so
   * two requests at once cannot both take the last one.
   */
  async reserveTranscript(ticketId: string, to: string, perDay: number): Promise<string | null> {
    return this.tx(async (q) => {
      await q(`SELECT 1 FROM widget_conversations WHERE ticket_id = $1 FOR UPDATE`, [ticketId]);
      const [{ sent }] = await q<{ sent: number }>(
        `SELECT count(*)::int AS sent FROM ticket_events WHERE ticket_id = $1 AND type = 'transcript_sent' AND created_at > now() - interval '1 day'`,
        [ticketId],
      );
      if (sent >= perDay) return null;
      const [row] = await q<{ id: string }>(`INSERT INTO ticket_events (ticket_id, seq, type, data) SELECT id, seq, 'transcript_sent', $2 FROM tickets WHERE id = $1 RETURNING id`, [
        ticketId,
        { to, channel: 'web_chat' },
      ]);
      return String(row.id);
    });
  }

  /** Gives a transcript back when the mail could not be sent. */
  async releaseTranscript(reservationId: string): Promise<void> {
    await this.query(`DELETE FROM ticket_events WHERE id = $1 AND type = 'transcript_sent'`, [reservationId]);
  }

  async ticketScope(ticketId: string): Promise<{ teamId: string | null; assigneeId: string | null; channel: string } | null> {
    const [row] = await this.query<{ team_id: string | null; assignee_id: string | null; channel: string }>(`SELECT team_id, assignee_id, channel FROM tickets WHERE id = $1`, [ticketId]);
    return row ? { teamId: row.team_id, assigneeId: row.assignee_id, channel: row.channel } : null;
  }
}
