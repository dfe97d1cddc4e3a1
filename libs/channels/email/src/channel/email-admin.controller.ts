import {
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { CHANNEL_ACCOUNT_DIRECTORY, type ChannelAccountDirectory } from '@switchboard/channel-kit';
import { isUuid } from '@switchboard/contracts';
import { AdminOnlyGuard } from './admin-only.guard.js';
import { readEmailConfig } from './email-config.js';
import { EmailChannelAdapter } from './email-channel.adapter.js';
import {
  EMAIL_CHANNEL_STORE,
  MAIL_FILE_STORE,
  type EmailChannelStore,
  type MailFileStore,
} from './email-ports.js';
import { sendDownload, type ReplyLike } from './file-response.js';
import { InboundMailProcessor } from './inbound-mail.processor.js';

/** Mailbox administration: the connection test and the quarantine of mail that could not be read. */
@Controller()
@UseGuards(AdminOnlyGuard)
export class EmailAdminController {
  constructor(
    private readonly adapter: EmailChannelAdapter,
    private readonly processor: InboundMailProcessor,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) private readonly accounts: ChannelAccountDirectory,
    @Inject(EMAIL_CHANNEL_STORE) private readonly store: EmailChannelStore,
    @Inject(MAIL_FILE_STORE) private readonly files: MailFileStore,
  ) {}

  /** Logs in to IMAP and SMTP with the stored credentials: `{ ok, imap, smtp }` in plain words. */
  @Post('channels/email/:accountId/test')
  @HttpCode(200)
  async test(@Param('accountId') accountId: string) {
    const account = isUuid(accountId) ? await this.accounts.get(accountId) : null;
    if (!account || account.kind !== 'email') throw new NotFoundException('email channel account not found');
    return this.adapter.testConnection(account);
  }

  @Get('admin/email-quarantine')
  async list(
    @Query('channelAccountId') channelAccountId?: string,
    @Query('all') all?: string,
    @Query('limit') limit?: string,
  ) {
    const items = await this.store.listQuarantine({
      channelAccountId: channelAccountId && isUuid(channelAccountId) ? channelAccountId : undefined,
      includeReimported: all === 'true',
      limit: Math.min(Math.max(Number(limit) || 100, 1), 500),
    });
    return { items: items.map((q) => ({ ...q, rawUrl: `/api/admin/email-quarantine/${q.id}/raw` })) };
  }

  @Get('admin/email-quarantine/:id/raw')
  async raw(@Param('id') id: string, @Res({ passthrough: true }) reply: ReplyLike) {
    const entry = isUuid(id) ? await this.store.getQuarantine(id) : null;
    if (!entry) throw new NotFoundException('quarantined mail not found');
    return sendDownload(reply, await this.files.read(entry.rawKey), {
      filename: `quarantine-${entry.id}.eml`,
      contentType: 'message/rfc822',
    });
  }

  /** Parses the mail again (without the mailbox's size limit); if it still fails, stores it as a plain message with the original attached. */
  @Post('admin/email-quarantine/:id/reimport')
  @HttpCode(200)
  async reimport(@Param('id') id: string) {
    const entry = isUuid(id) ? await this.store.getQuarantine(id) : null;
    if (!entry) throw new NotFoundException('quarantined mail not found');
    const account = await this.accounts.get(entry.channelAccountId);
    if (!account || account.kind !== 'email')
      throw new NotFoundException("the mail's channel account no longer exists");
    const result = await this.processor.reimport(
      { id: account.id, config: readEmailConfig(account.config) },
      entry,
    );
    return { id: entry.id, ...result };
  }
}
