import type { ChannelAccountRef, ChannelSetup, ChannelTestResult } from '@switchboard/channel-kit';
import { parseTelegramConfig, TelegramAdapter } from './telegram-adapter.js';
import { generateTelegramSecretToken } from './telegram-secret.js';

/** The Telegram adapter plus the admin hooks: a generated secret token and setWebhook on configure. */
export class TelegramChannelAdapter extends TelegramAdapter implements ChannelSetup {
  prepareConfig(config: Record<string, unknown>): Record<string, unknown> {
    const parsed = parseTelegramConfig(config);
    return { ...config, secretToken: parsed.secretToken ?? generateTelegramSecretToken() };
  }

  webhookPath(accountId: string): string {
    return `/api/webhooks/telegram/${encodeURIComponent(accountId)}`;
  }

  async configureAccount(account: ChannelAccountRef, webhookUrl: string): Promise<ChannelTestResult> {
    try {
      const config = parseTelegramConfig(account.config);
      if (!config.secretToken)
        return { ok: false, reason: 'The channel has no secret token; recreate it so one is generated.' };
      await this.setWebhook(config, webhookUrl, config.secretToken);
      return { ok: true, detail: `Telegram will deliver the bot's messages to ${webhookUrl}.` };
    } catch (err) {
      return { ok: false, reason: `Could not set the Telegram webhook: ${(err as Error).message}` };
    }
  }

  async testAccount(account: ChannelAccountRef): Promise<ChannelTestResult> {
    const result = await this.testConnection(account);
    return result.ok ? { ok: true, detail: `Connected to the bot @${result.bot.username}.` } : result;
  }
}
