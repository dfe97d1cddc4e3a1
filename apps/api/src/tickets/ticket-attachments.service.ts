import { Inject, Injectable } from '@nestjs/common';
import {
  CHANNEL_ADAPTER_REGISTRY,
  type ChannelAdapterRegistry,
  type OutboundAttachment,
} from '@switchboard/channel-kit';
import {
  EMAIL_CHANNEL_SETTINGS,
  MAIL_FILE_STORE,
  type EmailChannelSettings,
  type MailFileStore,
} from '@switchboard/channel-email';
import type {
  UploadAttachmentBody,
  UploadDraftAttachmentBody,
  UploadedAttachmentView,
} from '@switchboard/contracts';
import { invalid, notFound, tooLarge, type Viewer } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { mayWriteFrom } from '../channel-accounts/channel-account-access.js';
import { ChannelAccountsService } from '../channel-accounts/channel-accounts.service.js';
import { displayName } from '../channel-ports/file-attachment-store.js';
import { Db, type Sql } from '../common/db.js';
import { TicketQueries } from './ticket-queries.js';

interface UploadRow {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
}

/**
 * Files agents attach to replies and to the first message of a conversation they start. An upload is stored under the data directory as a
 * file of its own (the mail file store the email module reads from), kept for its ticket (none
 * yet for a conversation being started) and its uploader, and claimed by exactly one reply in that reply's transaction. Uploads no reply
 * claimed are deleted after a while (`deleteAbandoned`).
 */
@Injectable()
export class TicketAttachments {
  constructor(
    private readonly db: Db,
    private readonly queries: TicketQueries,
    private readonly accounts: ChannelAccountsService,
    @Inject(MAIL_FILE_STORE) private readonly files: MailFileStore,
    @Inject(EMAIL_CHANNEL_SETTINGS) private readonly settings: EmailChannelSettings,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
  ) {}

  async upload(
    viewer: AuthenticatedViewer,
    ticketId: string,
    input: UploadAttachmentBody,
  ): Promise<UploadedAttachmentView> {
    const ticket = await this.queries.findVisible(viewer, ticketId);
    if (!ticket) throw notFound('ticket not found');
    return this.store(viewer, ticket.id, ticket.channelAccountId, input);
  }

  /** An upload for the first message of a conversation the agent is about to start on the account. */
  async uploadDraft(
    viewer: AuthenticatedViewer,
    input: UploadDraftAttachmentBody,
  ): Promise<UploadedAttachmentView> {
    const account = await this.accounts.get(input.channelAccountId);
    if (!account || !account.active || !mayWriteFrom(viewer, account.teamId))
      throw notFound('channel account not found');
    if (!this.adapters.get(account.kind)?.sendsAttachments)
      throw invalid(`channelAccountId: attachments can be sent by email only, not by ${account.kind}`);
    const { channelAccountId, ...file } = input;
    return this.store(viewer, null, channelAccountId, file);
  }

  private async store(
    viewer: AuthenticatedViewer,
    ticketId: string | null,
    channelAccountId: string,
    input: UploadAttachmentBody,
  ): Promise<UploadedAttachmentView> {
    const bytes = Buffer.from(input.data, 'base64');
    if (bytes.length === 0) throw invalid('data: the file is empty');
    const limit = await this.limitFor(channelAccountId);
    if (bytes.length > limit) {
      throw tooLarge(`the file is ${bytes.length} bytes, over the ${limit}-byte limit for attachments`);
    }
    const storageKey = await this.files.putUpload(bytes);
    const [row] = await this.db.query<UploadRow>(
      `INSERT INTO outbound_attachments (ticket_id, uploader_id, storage_key, filename, content_type, size)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, filename, content_type, size, storage_key`,
      [
        ticketId,
        viewer.userId,
        storageKey,
        displayName(input.filename),
        contentTypeOf(input.contentType),
        bytes.length,
      ],
    );
    return { id: row.id, filename: row.filename, contentType: row.content_type, size: row.size };
  }

  /**
   * Locks the viewer's unsent uploads `ids` on the ticket (null: for a conversation being
   * started) for a message going out by `channelKind`; 400 naming the first id that is not one,
   * or when that channel cannot carry files.
   */
  async claim(
    sql: Sql,
    viewer: Viewer,
    ticketId: string | null,
    ids: string[],
    channelKind: string,
  ): Promise<OutboundAttachment[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    if (!this.adapters.get(channelKind)?.sendsAttachments)
      throw invalid(
        `attachmentIds: attachments can be sent by email only; this reply goes by ${channelKind}`,
      );
    const rows = await sql.query<UploadRow>(
      `SELECT id, filename, content_type, size, storage_key FROM outbound_attachments
        WHERE id = ANY($1::uuid[]) AND ticket_id IS NOT DISTINCT FROM $2::uuid AND uploader_id = $3 AND message_id IS NULL
        FOR UPDATE`,
      [wanted, ticketId, viewer.userId],
    );
    const missing = wanted.find((id) => !rows.some((r) => r.id === id));
    if (missing)
      throw invalid(
        `attachmentIds: ${missing} is not one of your unsent uploads ${ticketId ? 'on this ticket' : 'for a new conversation'}`,
      );
    // In the order the agent chose them: the message lists (and downloads) files by position.
    return wanted
      .map((id) => rows.find((r) => r.id === id)!)
      .map((r) => ({
        filename: r.filename,
        contentType: r.content_type,
        size: r.size,
        storageKey: r.storage_key,
      }));
  }

  /**
   * Deletes uploads no reply claimed within `olderThanHours`, rows then files. A reply claiming
   * one at this moment holds its row lock: the delete waits and then skips it, or the reply gets
   * the usual 400. A crash between the two steps leaves only an orphan file, never a row without one.
   */
  async deleteAbandoned(olderThanHours: number): Promise<number> {
    const rows = await this.db.query<{ storage_key: string }>(
      `DELETE FROM outbound_attachments WHERE message_id IS NULL AND created_at < now() - make_interval(hours => $1) RETURNING storage_key`,
      [olderThanHours],
    );
    // Only files of their own: anything else may be shared with other mail by its hash.
    for (const row of rows)
      if (row.storage_key.startsWith('uploads/')) await this.files.removeUpload(row.storage_key);
    return rows.length;
  }

  /** Marks claimed uploads as sent with `messageId` (and on its ticket), so they cannot be attached again. */
  async link(sql: Sql, ids: string[], messageId: string): Promise<void> {
    if (ids.length)
      await sql.query(
        `UPDATE outbound_attachments a SET message_id = m.id, ticket_id = m.ticket_id
           FROM messages m WHERE m.id = $2 AND a.id = ANY($1::uuid[])`,
        [ids, messageId],
      );
  }

  /** EMAIL_MAX_ATTACHMENT_BYTES, lowered by the mailbox's own `maxAttachmentBytes`. */
  private async limitFor(accountId: string): Promise<number> {
    const account = await this.accounts.get(accountId);
    const own = account?.kind === 'email' ? Number(account.config.maxAttachmentBytes) : NaN;
    return Number.isInteger(own) && own > 0
      ? Math.min(own, this.settings.maxAttachmentBytes)
      : this.settings.maxAttachmentBytes;
  }
}

/** A plain `type/subtype` as given, else a generic binary type (the mail says what it is, nothing more). */
function contentTypeOf(given: string | undefined): string {
  const type = given?.split(';')[0].trim().toLowerCase();
  return type && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) ? type : 'application/octet-stream';
}
