import type { ChannelAccountRef, ChannelSetup, ChannelTestResult } from '@switchboard/channel-kit';
import { ChannelTemplateSchema, type ChannelTemplateView } from '@switchboard/contracts';
import { TwilioAdapter, TwilioConfigError, parseTwilioConfig } from './twilio-adapter.js';

/** The Twilio adapter plus the admin hooks the core asks for (config check, test, webhook path). */
export class TwilioChannelAdapter extends TwilioAdapter implements ChannelSetup {
  prepareConfig(config: Record<string, unknown>): Record<string, unknown> {
    parseTwilioConfig(config);
    if (config.templates === undefined) return config;
    if (this.kind !== 'twilio_whatsapp')
      throw new TwilioConfigError('config.templates: approved templates are for WhatsApp accounts only');
    return { ...config, templates: parseTemplateList(config.templates) };
  }

  /** WhatsApp's approved templates from the account config; entries an admin got wrong are left out. SMS sends none. */
  replyTemplates(account: ChannelAccountRef): ChannelTemplateView[] | null {
    if (this.kind !== 'twilio_whatsapp') return null;
    const listed = account.config.templates;
    if (!Array.isArray(listed)) return [];
    return listed.flatMap((t) => {
      const parsed = ChannelTemplateSchema.safeParse(t);
      return parsed.success ? [parsed.data] : [];
    });
  }

  webhookPath(accountId: string): string {
    return `/api/webhooks/twilio/${encodeURIComponent(accountId)}`;
  }

  async testAccount(account: ChannelAccountRef): Promise<ChannelTestResult> {
    const result = await this.testConnection(account);
    return result.ok
      ? { ok: true, detail: `Connected to the Twilio account "${result.friendlyName}" (${result.status}).` }
      : result;
  }
}

/** `config.templates` of a WhatsApp account: the approved templates agents may pick. */
function parseTemplateList(value: unknown) {
  if (!Array.isArray(value))
    throw new TwilioConfigError('config.templates must be a list of { contentSid, name, variables }');
  return value.map((entry, i) => {
    const parsed = ChannelTemplateSchema.safeParse(entry);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new TwilioConfigError(
      `config.templates[${i}]${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`,
    );
  });
}
