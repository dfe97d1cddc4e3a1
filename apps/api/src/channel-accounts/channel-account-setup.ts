import { BadRequestException, Controller, HttpCode, Inject, Injectable, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CHANNEL_ADAPTER_REGISTRY, channelSetupOf, type ChannelAccountRecord, type ChannelAdapterRegistry, type ChannelTestResult } from '@switchboard/channel-kit';
import type { CreateChannelAccountBody } from '@switchboard/contracts';
import { Roles } from '../auth/auth.guard.js';
import { isUuid } from '../common/validation.js';
import { ChannelAccountsService } from './channel-accounts.service.js';

/** The parts of a request that say which base URL the admin reached us on. */
export interface RequestOrigin {
  protocol?: string;
  host?: string;
  headers: Record<string, string | string[] | undefined>;
}

export function requestBaseUrl(req: RequestOrigin): string {
  const host = req.host ?? String(req.headers.host ?? 'localhost');
  return `${req.protocol ?? 'http'}://${host}`;
}

/**
 * Creating and checking channel accounts with the adapter's help: its config check, the
 * webhook URL to paste into the provider's console, the provider-side setup (Telegram
 * setWebhook) and the "test" call. The core asks the adapter; it never branches on kind.
 */
@Injectable()
export class ChannelAccountSetup {
  constructor(
    private readonly accounts: ChannelAccountsService,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
  ) {}

  async create(input: CreateChannelAccountBody, baseUrl: string) {
    const setup = channelSetupOf(this.adapters.get(input.kind));
    let config = input.config;
    if (setup?.prepareConfig) {
      try {
        config = setup.prepareConfig(input.config);
      } catch (err) {
        throw new BadRequestException((err as Error).message);
      }
    }
    const created = await this.accounts.create({ ...input, config });
    const account = (await this.accounts.get(created.id))!;
    const webhookUrl = this.webhookUrl(account, baseUrl);
    const configured = setup?.configureAccount && webhookUrl ? await setup.configureAccount(account, webhookUrl) : undefined;
    return { ...created, ...(webhookUrl ? { webhookUrl } : {}), ...(configured ? { configured } : {}) };
  }

  /** The accounts for the admin screen: no credentials, and the webhook URL where the provider must post. */
  async list(baseUrl: string) {
    const accounts = await this.accounts.list();
    return accounts.map((account) => {
      const webhookUrl = this.webhookUrl(account, baseUrl);
      return { ...account, ...(webhookUrl ? { webhookUrl } : {}) };
    });
  }

  async test(id: string, baseUrl: string): Promise<ChannelTestResult & { webhookUrl?: string }> {
    const account = isUuid(id) ? await this.accounts.get(id) : null;
    if (!account) throw new NotFoundException('channel account not found');
    const setup = channelSetupOf(this.adapters.get(account.kind));
    const webhookUrl = this.webhookUrl(account, baseUrl);
    if (!setup?.testAccount) return { ok: false, reason: `Channels of kind ${account.kind} have no connection test.`, ...(webhookUrl ? { webhookUrl } : {}) };
    const result = await setup.testAccount(account);
    return { ...result, ...(webhookUrl ? { webhookUrl } : {}) };
  }

  /** Where the provider must post: the account's public URL when set (behind a proxy), else how the admin reached us. */
  webhookUrl(account: Pick<ChannelAccountRecord, 'id' | 'kind' | 'config'>, baseUrl: string): string | undefined {
    const setup = channelSetupOf(this.adapters.get(account.kind));
    if (!setup?.webhookPath) return undefined;
    const publicUrl = typeof account.config.publicUrl === 'string' && account.config.publicUrl ? account.config.publicUrl : baseUrl;
    return publicUrl.replace(/\/+$/, '') + setup.webhookPath(account.id);
  }
}

@Controller('admin/channel-accounts')
@Roles('admin')
export class ChannelAccountTestController {
  constructor(private readonly setup: ChannelAccountSetup) {}

  /** Calls the provider with the stored credentials; the answer says what is wrong in plain words. */
  @Post(':id/test')
  @HttpCode(200)
  test(@Param('id') id: string, @Req() req: RequestOrigin) {
    return this.setup.test(id, requestBaseUrl(req));
  }
}
