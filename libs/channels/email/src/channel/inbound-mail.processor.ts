import { availableParallelism } from 'node:os';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  DELIVERY_STATUS_PORT,
  INGEST_PORT,
  type DeliveryStatusPort,
  type InboundMessage,
  type IngestPort,
  type IngestResult,
} from '@switchboard/channel-kit';
import { extractBounce } from '../content/bounce.js';
import { shouldAutoAcknowledge, type AutomatedClassification } from '../content/loop-guard.js';
import { MailParseError, MailParserPool, type ParsedMail } from '../content/parse-mail.js';
import { senderBelongsToTicket } from '../content/threading.js';
import { toInboundMessage, type EmailMessageMeta } from '../content/to-inbound.js';
import type { EmailAccountConfig } from './email-config.js';
import {
  EMAIL_CHANNEL_SETTINGS,
  EMAIL_CHANNEL_STORE,
  MAIL_FILE_STORE,
  type EmailChannelSettings,
  type EmailChannelStore,
  type MailFileStore,
  type QuarantineEntry,
} from './email-ports.js';

export interface MailOrigin {
  mailbox?: string;
  uid?: number;
}

export type ProcessOutcome =
  | {
      outcome: 'ingested' | 'duplicate';
      ticketId: string;
      messageId: string;
      ticketCreated: boolean;
      acknowledged: boolean;
    }
  | { outcome: 'quarantined'; quarantine: QuarantineEntry }
  | { outcome: 'bounce-recorded'; originalMessageId: string };

export interface EmailAccountRef {
  id: string;
  config: EmailAccountConfig;
}

/** A hard ceiling for any mail; an account may set a lower one. */
const PARSER_MAX_BYTES = 200 * 1024 * 1024;
/**
 * One parser per core, at most four: parsing is CPU work the main thread hands off, and more
 * workers than cores only add memory (each is a V8 heap of its own).
 */
const PARSER_WORKERS = Math.max(1, Math.min(4, availableParallelism()));
/**
 * Mail of one batch written to disk, parsed and shaped at once. Each mail waits on the disk and
 * on a parser in turn, so a few in flight per parser keep both busy; the batch's raw bytes are
 * in memory anyway, and a mail's attachments are dropped once on disk.
 */
const PREPARE_CONCURRENCY = PARSER_WORKERS * 8;

/**
 * Transactions storing one batch side by side: they hide the database's round trips behind one
 * another, and few enough that they leave the pool to the rest of the API.
 */
const STORE_LANES = 4;

function laneOf(sender: string): number {
  let hash = 0;
  for (let i = 0; i < sender.length; i++) hash = (hash * 31 + sender.charCodeAt(i)) | 0;
  return Math.abs(hash) % STORE_LANES;
}

/** One raw mail of a batch and where it came from. */
export interface RawMail {
  raw: Buffer;
  origin: MailOrigin;
}

/** A batch after prepareMany, to be handed to storePrepared. */
export interface PreparedBatch {
  account: EmailAccountRef;
  results: (ProcessOutcome | Error | PreparedMail)[];
}

/** A mail parsed and shaped, ready to be threaded and stored. */
interface PreparedMail {
  account: EmailAccountRef;
  inbound: InboundMessage;
  meta: EmailMessageMeta;
}

/**
 * One raw mail → stored bytes → parsed → threaded → ingested (or quarantined). Every step is
 * idempotent, so the watcher may run it again for the same mail after a crash: the raw bytes
 * and attachments are content-addressed, the quarantine is unique per raw sha256, and ingest
 * dedupes on the Message-ID (synthetic from the sha256 when missing).
 */
@Injectable()
export class InboundMailProcessor implements OnModuleDestroy {
  private readonly logger = new Logger('EmailInbound');
  private readonly pool = new MailParserPool({ maxBytes: PARSER_MAX_BYTES, workers: PARSER_WORKERS });

  constructor(
    @Inject(INGEST_PORT) private readonly ingestPort: IngestPort,
    @Inject(EMAIL_CHANNEL_STORE) private readonly store: EmailChannelStore,
    @Inject(MAIL_FILE_STORE) private readonly files: MailFileStore,
    @Inject(DELIVERY_STATUS_PORT) private readonly deliveries: DeliveryStatusPort,
    @Inject(EMAIL_CHANNEL_SETTINGS) private readonly settings: EmailChannelSettings,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  async process(account: EmailAccountRef, raw: Buffer, origin: MailOrigin = {}): Promise<ProcessOutcome> {
    const [result] = await this.processMany(account, [{ raw, origin }]);
    if (result instanceof Error) throw result;
    return result;
  }

  /**
   * A batch of mail, answered in the same order (an Error for each that could not be stored).
   * Parsing runs on the worker pool side by side; storing runs in order, in as few transactions
   * as threading allows: a mail that answers one of the same batch waits until that one is
   * committed, so it is threaded exactly as if the two had come one by one.
   */
  async processMany(account: EmailAccountRef, mails: RawMail[]): Promise<(ProcessOutcome | Error)[]> {
    return this.storePrepared(await this.prepareMany(account, mails));
  }

  /**
   * The first half of processMany: raw mail and attachments on disk, parsed on the worker pool
   * side by side. Nothing a user sees changes yet (a quarantined mail aside), so a watcher may
   * prepare the next batch while the previous one is stored.
   */
  async prepareMany(account: EmailAccountRef, mails: RawMail[]): Promise<PreparedBatch> {
    const results: (ProcessOutcome | Error | PreparedMail)[] = new Array(mails.length);
    let next = 0;
    const prepareNext = async () => {
      while (next < mails.length) {
        const i = next++;
        results[i] = await this.prepare(account, mails[i].raw, mails[i].origin).catch((err: Error) => err);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PREPARE_CONCURRENCY, mails.length) }, prepareNext));
    return { account, results };
  }

  /** The second half of processMany: threaded and stored in order, answered in the order prepared. */
  async storePrepared({ account, results }: PreparedBatch): Promise<(ProcessOutcome | Error)[]> {
    let group: number[] = [];
    const groupIds = new Set<string>();
    const flush = async () => {
      if (group.length === 0) return;
      const stored = await this.storeGroup(group.map((i) => results[i] as PreparedMail));
      group.forEach((i, k) => (results[i] = stored[k]));
      group = [];
      groupIds.clear();
    };
    for (const [i, result] of results.entries()) {
      if (result instanceof Error || 'outcome' in result) continue;
      const candidates = result.meta.threading.candidateMessageIds;
      if (candidates.some((id) => groupIds.has(id))) await flush();
      try {
        await this.thread(account, result.inbound, result.meta);
      } catch (err) {
        results[i] = err as Error;
        continue;
      }
      group.push(i);
      groupIds.add(result.inbound.externalId);
    }
    await flush();
    return results as (ProcessOutcome | Error)[];
  }

  /** Raw bytes and attachments on disk, parsed and shaped; or what became of a mail that is not stored as a message. */
  private async prepare(
    account: EmailAccountRef,
    raw: Buffer,
    origin: MailOrigin,
  ): Promise<ProcessOutcome | PreparedMail> {
    const limit = account.config.maxMessageBytes ?? this.settings.maxMessageBytes;
    // The raw bytes go to disk while a worker parses them: neither needs the other.
    const parsed: Promise<ParsedMail> =
      raw.byteLength > limit
        ? Promise.reject(
            new MailParseError(
              `mail is ${raw.byteLength} bytes, over this mailbox's ${limit}-byte limit`,
              'too_large',
            ),
          )
        : this.pool.parse(raw);
    parsed.catch(() => undefined);
    const { key: rawKey, sha256 } = await this.files.putRaw(raw);
    let mail: ParsedMail;
    try {
      mail = await parsed;
    } catch (err) {
      if (!(err instanceof MailParseError)) throw err;
      const quarantine = await this.store.quarantine({
        channelAccountId: account.id,
        rawSha256: sha256,
        rawKey,
        rawSize: raw.byteLength,
        reason: err.reason,
        error: err.message,
        mailbox: origin.mailbox,
        uid: origin.uid,
      });
      this.logger.warn(`mail ${sha256.slice(0, 12)} of account ${account.id} quarantined: ${err.message}`);
      return { outcome: 'quarantined', quarantine };
    }
    return this.shape(account, mail, rawKey);
  }

  /** An admin's re-import: parsed without the mailbox's size limit, or kept as a plain record if it still fails. */
  async reimport(
    account: EmailAccountRef,
    entry: QuarantineEntry,
  ): Promise<{ ticketId: string; messageId: string; parsed: boolean }> {
    const raw = await this.files.read(entry.rawKey);
    let mail: ParsedMail;
    let parsed = true;
    try {
      mail = await this.pool.parse(raw);
    } catch (err) {
      if (!(err instanceof MailParseError)) throw err;
      mail = fallbackMail(raw, entry, err.message);
      parsed = false;
    }
    const shaped = await this.shape(account, mail, entry.rawKey, parsed ? undefined : entry);
    let result: ProcessOutcome;
    if ('outcome' in shaped) result = shaped;
    else {
      await this.thread(account, shaped.inbound, shaped.meta);
      const [stored] = await this.storeGroup([shaped]);
      if (stored instanceof Error) throw stored;
      result = stored;
    }
    if (result.outcome === 'quarantined') throw new Error('unreachable: a re-import is never quarantined');
    if (result.outcome === 'bounce-recorded') {
      await this.store.markReimported(entry.id, { ticketId: '', messageId: '' });
      return { ticketId: '', messageId: '', parsed };
    }
    await this.store.markReimported(entry.id, { ticketId: result.ticketId, messageId: result.messageId });
    return { ticketId: result.ticketId, messageId: result.messageId, parsed };
  }

  /** A bounce of our mail is recorded; anything else becomes the message to store, its attachments on disk. */
  private async shape(
    account: EmailAccountRef,
    mail: ParsedMail,
    rawKey: string,
    unparsed?: QuarantineEntry,
  ): Promise<ProcessOutcome | PreparedMail> {
    const bounce = extractBounce(mail);
    if (bounce?.originalMessageId) {
      const applied = await this.deliveries.apply({
        channelAccountId: account.id,
        providerMessageId: bounce.originalMessageId,
        state: 'failed',
        reason: `The mail bounced: ${bounce.reason}`,
      });
      if (applied !== 'unknown') {
        await this.store.recordBounce({
          channelAccountId: account.id,
          rawSha256: mail.sha256,
          rawKey,
          originalMessageId: bounce.originalMessageId,
          reason: bounce.reason,
        });
        return { outcome: 'bounce-recorded', originalMessageId: bounce.originalMessageId };
      }
      // A bounce of mail we did not send (or no longer know): kept as an ordinary message below.
    }

    const maxAttachmentBytes = account.config.maxAttachmentBytes ?? this.settings.maxAttachmentBytes;
    const keys = new Map<number, string>();
    for (const [index, attachment] of mail.attachments.entries()) {
      if (attachment.size <= maxAttachmentBytes)
        keys.set(index, await this.files.putFile(attachment.content));
    }
    const indexByKey = new Map([...keys].map(([index, key]) => [key, index]));
    const inbound: InboundMessage = toInboundMessage(
      mail,
      { id: account.id, address: account.config.address, authServIds: account.config.authServIds },
      {
        replyAddressSecret: this.settings.replyAddressSecret,
        maxAttachmentBytes,
        storageKeyFor: (_, index) => keys.get(index),
        attachmentUrl: (key) => `/api/email/mail/${mail.sha256}/attachments/${indexByKey.get(key)}`,
      },
    );
    const meta = inbound.meta as unknown as EmailMessageMeta & Record<string, unknown>;
    meta.rawStorageKey = rawKey;
    if (unparsed) meta.unparsed = { reason: unparsed.reason, error: unparsed.error };
    // The attachments are on disk now; the parsed bytes are not kept while the batch is stored.
    mail.attachments.length = 0;
    return { account, inbound, meta };
  }

  /**
   * Stores threaded mail in a few transactions side by side, one per lane; a sender's mail
   * always takes the same lane, so it is stored in the order it came and two lanes seldom wait
   * on the same contact. (No mail of a group answers another of it: processMany saw to that.)
   * New tickets are then acknowledged, after the commit.
   */
  private async storeGroup(group: PreparedMail[]): Promise<(ProcessOutcome | Error)[]> {
    const lanes = new Map<number, number[]>();
    group.forEach((prepared, k) => {
      const lane = laneOf(prepared.inbound.from.address ?? '');
      const indexes = lanes.get(lane) ?? [];
      indexes.push(k);
      lanes.set(lane, indexes);
    });
    const stored: (IngestResult | Error)[] = new Array(group.length);
    await Promise.all(
      [...lanes.values()].map(async (indexes) => {
        const results = await this.storeLane(indexes.map((k) => group[k].inbound));
        indexes.forEach((k, j) => (stored[k] = results[j]));
      }),
    );
    const outcomes: (ProcessOutcome | Error)[] = [];
    for (const [k, result] of stored.entries()) {
      if (result instanceof Error) {
        outcomes.push(result);
        continue;
      }
      const { account, inbound, meta } = group[k];
      let acknowledged = false;
      if (result.ticketCreated && !result.duplicate) {
        // The mail is stored; a failed acknowledgement must not make the watcher fetch it again.
        acknowledged = await this.acknowledge(account, inbound, meta.automated, result.ticketId).catch(
          (err) => {
            this.logger.error(
              `acknowledgement of ticket ${result.ticketId} failed: ${(err as Error).message}`,
            );
            return false;
          },
        );
      }
      outcomes.push({
        outcome: result.duplicate ? 'duplicate' : 'ingested',
        ticketId: result.ticketId,
        messageId: result.messageId,
        ticketCreated: result.ticketCreated,
        acknowledged,
      });
    }
    return outcomes;
  }

  /**
   * Names the ticket a reply continues, from the strongest signal that holds: a Message-ID we
   * know (In-Reply-To, References), our signed plus-address, the `[#1042]` subject token. The
   * sender must belong to that ticket; a stranger gets a ticket of their own. The core checks
   * the contact again; keys of the whole thread are kept so later replies find it.
   */
  private async thread(
    account: EmailAccountRef,
    inbound: InboundMessage,
    meta: EmailMessageMeta,
  ): Promise<void> {
    const signals = meta.threading;
    delete inbound.ticketHint;
    const candidates = [
      () =>
        signals.candidateMessageIds.length
          ? this.store.ticketByMessageIds(account.id, signals.candidateMessageIds)
          : null,
      () =>
        signals.replyAddressTicketNumber !== undefined
          ? this.store.ticketByNumber(account.id, signals.replyAddressTicketNumber)
          : null,
      () =>
        signals.subjectTicketNumber !== undefined
          ? this.store.ticketByNumber(account.id, signals.subjectTicketNumber)
          : null,
    ];
    for (const find of candidates) {
      const target = await find();
      if (
        target &&
        senderBelongsToTicket(inbound.from.address, target.participants, account.config.orgDomains ?? [])
      ) {
        inbound.ticketHint = {
          ticketId: target.ticketId,
          ticketNumber: target.ticketNumber,
          senderVerified: true,
        };
        break;
      }
    }
    // Keys of the whole thread, not just the parent: Outlook may drop In-Reply-To but keep References.
    inbound.alsoThreadKeys = [
      ...new Set([...(inbound.alsoThreadKeys ?? []), ...signals.candidateMessageIds]),
    ];
  }

  /**
   * One transaction for the lane; if it fails, one by one, so only the mail at fault fails (the
   * others are stored on their own, and one the failed transaction did store is found by its receipt).
   */
  private async storeLane(inbound: InboundMessage[]): Promise<(IngestResult | Error)[]> {
    try {
      return await this.ingestPort.ingestMany(inbound);
    } catch (err) {
      if (inbound.length === 1) return [err as Error];
      const results: (IngestResult | Error)[] = [];
      for (const message of inbound)
        results.push(await this.ingestPort.ingest(message).catch((e: Error) => e));
      return results;
    }
  }

  /** The acknowledgement of a new ticket: never to machines, at most `capPerHour` per contact. */
  private async acknowledge(
    account: EmailAccountRef,
    inbound: InboundMessage,
    automated: AutomatedClassification,
    ticketId: string,
  ): Promise<boolean> {
    const ack = account.config.autoAcknowledge;
    if (!ack?.enabled) return false;
    const now = new Date();
    const decision = shouldAutoAcknowledge({
      classification: automated,
      enabled: ack.enabled,
      recentAcknowledgementsAt: await this.store.recentAcknowledgements(
        inbound.from.address,
        new Date(now.getTime() - 3_600_000),
      ),
      capPerHour: ack.capPerHour,
      now,
    });
    if (!decision.send) {
      this.logger.log(
        `no acknowledgement for ticket ${ticketId}: ${decision.reason}${decision.detail ? ` (${decision.detail})` : ''}`,
      );
      return false;
    }
    const summary = await this.store.ticketSummary(ticketId);
    if (!summary) return false;
    const { number, firstResponseDueAt: due } = summary;
    const expected = due
      ? `by ${due.toUTCString()}`
      : (ack.expectedResponse ?? 'as soon as we can, usually within one business day');
    const text = [
      `Thank you for writing to us. We have received your message and opened request #${number}.`,
      `We expect to answer ${expected}.`,
      `You don't need to write again: just reply to this mail to add anything, and keep [#${number}] in the subject.`,
    ].join('\n\n');
    return this.store.queueAcknowledgement({ ticketId, text, capPerHour: ack.capPerHour });
  }
}

/** A minimal mail for something mailparser still cannot read: headers found by hand, the original attached as the raw file. */
function fallbackMail(raw: Buffer, entry: QuarantineEntry, error: string): ParsedMail {
  const head = raw
    .subarray(0, 64 * 1024)
    .toString('latin1')
    .split(/\r?\n\r?\n/, 1)[0]
    .replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim();
  const from = /[^\s<>"]+@[^\s<>"]+/.exec(header('from') ?? '')?.[0]?.toLowerCase();
  return {
    messageId: `<${entry.rawSha256}@switchboard.invalid>`,
    messageIdSynthetic: true,
    references: [],
    ...(from ? { from: { address: from } } : {}),
    to: [],
    cc: [],
    replyTo: [],
    deliveredTo: [],
    subject: header('subject')?.slice(0, 200) ?? '(unreadable mail)',
    text: `This mail could not be read (${error}). The original is kept and can be downloaded from the message.`,
    headers: {},
    attachments: [],
    reports: {},
    parts: [],
    size: raw.byteLength,
    sha256: entry.rawSha256,
  };
}
