import { isUuid } from '@switchboard/contracts';
import { forbidden, notFound } from '@switchboard/domain';
import type {
  AttachmentStore,
  ChannelAccountDirectory,
  ChannelAccountRecord,
  InboundAttachment,
  InboundMessage,
  IngestPort,
  IngestResult,
  RejectedWebhookLog,
} from './index.js';

/** The parts of an incoming webhook request every provider's controller reads. */
export interface WebhookCaller {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The first value of a request header (Node gives repeated headers as a list). */
export function firstHeader(req: Pick<WebhookCaller, 'headers'>, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** What a provider's webhook accepts: its name in the rejection log and how to read its accounts. */
export interface WebhookProvider<Config> {
  /** The rejected-webhooks log's provider name (`twilio`). */
  provider: string;
  /** How an admin calls it (`Twilio`), in the logged reason. */
  label: string;
  /** Channel account kinds whose webhooks arrive on this URL. */
  kinds: readonly string[];
  /** Checks the account's config; throws with a message naming the field to fix. */
  parseConfig(config: Record<string, unknown>): Config;
}

/**
 * The opening every provider webhook shares: find the account the URL names, check it is an
 * active account of this provider with a usable config, and log every refusal (without the body
 * or a secret) so an admin can see why a provider's calls fail.
 */
export class WebhookPreamble<Config> {
  private readonly kinds: ReadonlySet<string>;

  constructor(
    private readonly accounts: ChannelAccountDirectory,
    private readonly rejected: RejectedWebhookLog,
    private readonly spec: WebhookProvider<Config>,
  ) {
    this.kinds = new Set(spec.kinds);
  }

  /**
   * The account and its parsed config. Not found for an unknown, inactive or other-kind account
   * (the caller must not learn which); forbidden when the config cannot verify webhooks.
   */
  async open(
    accountId: string,
    req: WebhookCaller,
  ): Promise<{ account: ChannelAccountRecord; config: Config }> {
    const account = isUuid(accountId) ? await this.accounts.get(accountId) : null;
    if (!account || !account.active || !this.kinds.has(account.kind)) {
      await this.reject(req, accountId, `unknown or inactive ${this.spec.label} channel account`);
      throw notFound('channel account not found');
    }
    try {
      return { account, config: this.spec.parseConfig(account.config) };
    } catch (err) {
      await this.reject(req, account.id, `channel misconfigured: ${(err as Error).message}`);
      throw forbidden('this channel cannot verify webhooks until its configuration is fixed');
    }
  }

  /** Records a refusal; an account id that is not a uuid is logged as none. */
  reject(req: WebhookCaller, accountId: string, reason: string): Promise<void> {
    return this.rejected.record({
      provider: this.spec.provider,
      channelAccountId: isUuid(accountId) ? accountId : null,
      reason,
      remoteIp: req.ip ?? null,
    });
  }
}

/**
 * Ingests a message with the files stored for it. On a duplicate (the provider retried) the
 * message is already stored with its own copies, so this delivery's files are removed.
 */
export async function ingestWithAttachments(
  ports: { ingest: IngestPort; files: AttachmentStore },
  message: InboundMessage,
  attachments: InboundAttachment[],
): Promise<IngestResult> {
  const result = await ports.ingest.ingest({ ...message, ...(attachments.length ? { attachments } : {}) });
  if (result.duplicate)
    await Promise.all(attachments.map((a) => (a.storageKey ? ports.files.remove(a.storageKey) : undefined)));
  return result;
}
