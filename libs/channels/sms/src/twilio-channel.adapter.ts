import type { ChannelAccountRef, ChannelSetup, ChannelTestResult } from '@switchboard/channel-kit';
import { ChannelTemplateSchema } from '@switchboard/contracts';
import { TwilioAdapter, TwilioConfigError, parseTwilioConfig } from './twilio-adapter.js';

/** The Twilio adapter plus the admin hooks the core asks for (config check, test, webhook path). */
export class TwilioChannelAdapter extends TwilioAdapter implements ChannelSetup {
  prepareConfig(config: Record<string, unknown>): Record<string, unknown> {
    parseTwilioConfig(config);
    if (config.templates === undefined) return config;
    if (this.kind !== 'twilio_whatsapp') throw new TwilioConfigError('config.templates: approved templates are for WhatsApp accounts only');
    return { ...config, templates: parseTemplateList(config.templates) };
  }

  webhookPath(accountId: string): string {
    return `/api/webhooks/twilio/${encodeURIComponent(accountId)}`;
  }

  async testAccount(account: ChannelAccountRef): Promise<ChannelTestResult> {
    const result = await this.testConnection(account);
    return result.ok ? { ok: true, detail: `Connected to the Twilio account "${result.friendlyName}" (${result.status}).` } : result;
  }
}

/** `config.templates` of a WhatsApp account: the approved templates agents may pick (#7). */
function parseTemplateList(value: unknown) {
  if (!Array.isArray(value)) throw new TwilioConfigError('config.templates must be a list of { contentSid, name, variables }');
  return value.map((entry, i) => {
    const parsed = ChannelTemplateSchema.safeParse(entry);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new TwilioConfigError(`config.templates[${i}]${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
  });
}
