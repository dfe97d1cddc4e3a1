import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { isUuid } from '@switchboard/contracts';
import {
  EMAIL_CHANNEL_STORE,
  MAIL_FILE_STORE,
  type EmailChannelStore,
  type MailFileStore,
  type StoredFile,
} from './email-ports.js';
import { sendDownload, type ReplyLike } from './file-response.js';

const SHA256 = /^[0-9a-f]{64}$/;
const INDEX = /^\d{1,4}$/;

/**
 * The original .eml and the attachments of email messages, for agents who can see the ticket
 * (anyone else gets 404). Served as downloads with a sandbox CSP; only raster images inline.
 */
@Controller('email')
export class EmailFilesController {
  constructor(
    @Inject(EMAIL_CHANNEL_STORE) private readonly store: EmailChannelStore,
    @Inject(MAIL_FILE_STORE) private readonly files: MailFileStore,
  ) {}

  @Get('messages/:messageId/raw')
  async raw(
    @Param('messageId') messageId: string,
    @Req() req: { viewer?: unknown },
    @Res({ passthrough: true }) reply: ReplyLike,
  ) {
    const file = isUuid(messageId) ? await this.store.messageFile(req.viewer, { messageId }, 'raw') : null;
    return this.send(reply, file, false);
  }

  @Get('messages/:messageId/attachments/:index')
  async attachment(
    @Param('messageId') messageId: string,
    @Param('index') index: string,
    @Req() req: { viewer?: unknown },
    @Res({ passthrough: true }) reply: ReplyLike,
  ) {
    const file =
      isUuid(messageId) && INDEX.test(index)
        ? await this.store.messageFile(req.viewer, { messageId }, Number(index))
        : null;
    return this.send(reply, file, true);
  }

  /** The URL inline (`cid:`) images get in a message's sanitized HTML. */
  @Get('mail/:sha256/attachments/:index')
  async inline(
    @Param('sha256') sha256: string,
    @Param('index') index: string,
    @Req() req: { viewer?: unknown },
    @Res({ passthrough: true }) reply: ReplyLike,
  ) {
    const file =
      SHA256.test(sha256) && INDEX.test(index)
        ? await this.store.messageFile(req.viewer, { rawSha256: sha256 }, Number(index))
        : null;
    return this.send(reply, file, true);
  }

  private async send(reply: ReplyLike, file: StoredFile | null, allowInline: boolean): Promise<Buffer> {
    if (!file) throw new NotFoundException('file not found');
    return sendDownload(reply, await this.files.read(file.storageKey), { ...file, allowInline });
  }
}
