import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import {
  CHANNEL_ACCOUNT_DIRECTORY,
  INGEST_PORT,
  PUBLIC_ROUTE,
  type ChannelAccountDirectory,
  type IngestPort,
} from '@switchboard/channel-kit';
import { ApiInboundBody, describeIssues, isUuid } from '@switchboard/contracts';
import { apiKeyMatches } from './api-key.js';

/** Inbound messages from integrations: authenticated by the account's X-Api-Key, not an agent token. */
@Controller('channels/api')
export class ApiChannelController {
  constructor(
    @Inject(INGEST_PORT) private readonly ingest: IngestPort,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) private readonly accounts: ChannelAccountDirectory,
  ) {}

  @Post(':accountId/inbound')
  @SetMetadata(PUBLIC_ROUTE, true)
  @HttpCode(200)
  async inbound(
    @Param('accountId') accountId: string,
    @Headers('x-api-key') apiKey: string | undefined,
    @Body() body: unknown,
  ) {
    const account = isUuid(accountId) ? await this.accounts.get(accountId) : null;
    if (!account || account.kind !== 'api' || !account.active)
      throw new NotFoundException('channel account not found');
    if (!apiKey || !apiKeyMatches(apiKey, account.apiKeyHash))
      throw new UnauthorizedException('X-Api-Key is missing or wrong');
    const parsed = ApiInboundBody.safeParse(body ?? {});
    if (!parsed.success) throw new BadRequestException(describeIssues(parsed.error));
    const input = parsed.data;
    const result = await this.ingest.ingest({
      channelAccountId: account.id,
      externalId: input.externalId,
      from: { kind: 'api', address: input.from.handle, name: input.from.name },
      text: input.text,
      subject: input.subject,
      threadKey: input.threadKey,
      sentAt: input.sentAt ? new Date(input.sentAt) : undefined,
    });
    return { ticketId: result.ticketId, messageId: result.messageId, duplicate: result.duplicate };
  }
}
