import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CHANNEL_ADAPTER_REGISTRY,
  channelSetupOf,
  type ChannelAccountRecord,
  type ChannelAdapterRegistry,
  type ChannelTestResult,
} from '@switchboard/channel-kit';
import type {
  ChannelAccountUpdatedView,
  CreateChannelAccountBody,
  UpdateChannelAccountBody,
} from '@switchboard/contracts';
import { invalid, notFound } from '@switchboard/domain';
import { isUuid } from '../common/validation.js';
import { configBoundsProblem, mergePatch, patchedPaths } from './channel-account-config.js';
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
  private readonly logger = new Logger('ChannelAccounts');

  constructor(
    private readonly accounts: ChannelAccountsService,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
  ) {}

  async create(input: CreateChannelAccountBody, baseUrl: string) {
    const setup = channelSetupOf(this.adapters.get(input.kind));
    const config = this.checkedConfig(input.kind, input.config);
    const created = await this.accounts.create({ ...input, config });
    const account = (await this.accounts.get(created.id))!;
    const webhookUrl = this.webhookUrl(account, baseUrl);
    const configured =
      setup?.configureAccount && webhookUrl ? await setup.configureAccount(account, webhookUrl) : undefined;
    return { ...created, ...(webhookUrl ? { webhookUrl } : {}), ...(configured ? { configured } : {}) };
  }

  /**
   * Renames, re-teams, enables or disables an account and merges a config patch onto the stored
   * config, checked by the same adapter hook as on create. Watchers and webhooks read the
   * account through the directory, whose cache the service clears, so no restart is needed.
   */
  async update(
    id: string,
    input: UpdateChannelAccountBody,
    baseUrl: string,
    actor: string,
  ): Promise<ChannelAccountUpdatedView> {
    const current = isUuid(id) ? await this.accounts.fresh(id) : null;
    if (!current) throw notFound('channel account not found');
    const config = input.config
      ? this.checkedConfig(current.kind, mergePatch(current.config, input.config))
      : undefined;
    const updated = await this.accounts.update(id, {
      name: input.name,
      teamId: input.teamId,
      active: input.active,
      config,
    });
    if (!updated) throw notFound('channel account not found');
    const changed = [
      ...(['name', 'teamId', 'active'] as const).filter((k) => input[k] !== undefined),
      ...patchedPaths(input.config ?? {}, 'config'),
    ];
    // No admin audit table exists yet: a log line naming the fields (never their values) records who changed what.
    this.logger.log(
      `${actor} changed channel account ${id} (${current.kind}): ${changed.join(', ') || 'nothing'}`,
    );
    const webhookUrl = this.webhookUrl(updated, baseUrl);
    const configured = config && webhookUrl ? await this.configure(id, current.kind, webhookUrl) : undefined;
    return { ...updated, ...(webhookUrl ? { webhookUrl } : {}), ...(configured ? { configured } : {}) };
  }

  /** A new inbound key for an API account, shown once. */
  async rotateApiKey(id: string): Promise<{ apiKey: string }> {
    const apiKey = isUuid(id) ? await this.accounts.rotateApiKey(id) : null;
    if (!apiKey) throw notFound('API channel account not found');
    return { apiKey };
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
    if (!account) throw notFound('channel account not found');
    const setup = channelSetupOf(this.adapters.get(account.kind));
    const webhookUrl = this.webhookUrl(account, baseUrl);
    if (!setup?.testAccount)
      return {
        ok: false,
        reason: `Channels of kind ${account.kind} have no connection test.`,
        ...(webhookUrl ? { webhookUrl } : {}),
      };
    const result = await setup.testAccount(account);
    return { ...result, ...(webhookUrl ? { webhookUrl } : {}) };
  }

  /** Registers the webhook with the provider again: new credentials (a new Telegram bot token) need it. */
  private async configure(
    id: string,
    kind: string,
    webhookUrl: string,
  ): Promise<ChannelTestResult | undefined> {
    const setup = channelSetupOf(this.adapters.get(kind));
    const account = setup?.configureAccount ? await this.accounts.get(id) : null;
    return account ? setup!.configureAccount!(account, webhookUrl) : undefined;
  }

  /** The adapter's check (and completion) of a whole config; its message names the field. */
  private checkedConfig(kind: string, config: Record<string, unknown>): Record<string, unknown> {
    const tooBig = configBoundsProblem(config);
    if (tooBig) throw invalid(tooBig);
    const setup = channelSetupOf(this.adapters.get(kind));
    if (!setup?.prepareConfig) return config;
    try {
      return setup.prepareConfig(config);
    } catch (err) {
      throw invalid((err as Error).message);
    }
  }

  /** Where the provider must post: the account's public URL when set (behind a proxy), else how the admin reached us. */
  webhookUrl(
    account: Pick<ChannelAccountRecord, 'id' | 'kind' | 'config'>,
    baseUrl: string,
  ): string | undefined {
    const setup = channelSetupOf(this.adapters.get(account.kind));
    if (!setup?.webhookPath) return undefined;
    const publicUrl =
      typeof account.config.publicUrl === 'string' && account.config.publicUrl
        ? account.config.publicUrl
        : baseUrl;
    return publicUrl.replace(/\/+$/, '') + setup.webhookPath(account.id);
  }
}
