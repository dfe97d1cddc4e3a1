import type { ChannelAccountRef, ChannelSetup, ChannelTestResult } from '@switchboard/channel-kit';
import { MetaAdapter, parseMetaConfig } from './meta-adapter.js';

/** The Meta adapter plus the admin hooks the core asks for (config check, test, webhook path). */
export class MetaChannelAdapter extends MetaAdapter implements ChannelSetup {
  prepareConfig(config: Record<string, unknown>): Record<string, unknown> {
    parseMetaConfig(config);
    return config;
  }

  webhookPath(accountId: string): string {
    return `/api/webhooks/meta/${encodeURIComponent(accountId)}`;
  }

  async testAccount(account: ChannelAccountRef): Promise<ChannelTestResult> {
    const result = await this.testConnection(account);
    return result.ok
      ? { ok: true, detail: `Connected to the page "${result.pageName}" (${result.pageId}).` }
      : result;
  }
}
