import { Logger } from '@nestjs/common';
import { describeError } from '@switchboard/domain';
import { ImapFlow } from 'imapflow';
import { mailboxOf } from './email-config.js';
import type { EmailChannelSettings, EmailChannelStore, MailboxCheckpoint } from './email-ports.js';
import type {
  EmailAccountRef,
  InboundMailProcessor,
  PreparedBatch,
  ProcessOutcome,
} from './inbound-mail.processor.js';

/** The keyword that marks mail we stored; `\Seen` is set too, for people looking at the mailbox. */
export const PROCESSED_KEYWORD = '$SwitchboardStored';
/**
 * Mail per FETCH and per batch: the batch is parsed side by side and stored in as few
 * transactions as threading allows, then flagged with one STORE. Bounded by bytes too, since
 * the raw mail of a batch is held in memory until it is stored.
 */
const BATCH_COUNT = 100;
const BATCH_BYTES = 8 * 1024 * 1024;

/** UIDs fetched and prepared, in UID order, with what the processor made of them. */
interface FetchedBatch {
  present: number[];
  prepared: PreparedBatch;
}

export interface WatcherStatus {
  accountId: string;
  connected: boolean;
  checkpoint: MailboxCheckpoint | null;
  lastError: string | null;
  processed: number;
  /** The end of the last fetch that read the mailbox to the end without an error. */
  lastFetchAt: Date | null;
}

/** The shared record of the last fetch is written at most this often (a busy mailbox syncs often). */
const LAST_FETCH_WRITE_MS = 5_000;

/**
 * Watches one mailbox: IDLE for prompt delivery, a poll as the fallback, reconnect with
 * backoff. The order per batch is fetch → store in the database (commit) → move the checkpoint →
 * flag on the server, so a crash anywhere leaves the mail to be fetched again and deduplicated,
 * never lost. On connect, mail at or below the checkpoint that was never flagged (a crash
 * between commit and flag) is run again too; a new UIDVALIDITY means a full re-scan.
 */
export class MailboxWatcher {
  private readonly logger: Logger;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private wakeUp: (() => void) | null = null;
  private dirty = false;
  private checkpoint: MailboxCheckpoint | null = null;
  private lastError: string | null = null;
  private processed = 0;
  private connected = false;
  private lastFetchAt: Date | null = null;
  private lastFetchWrittenAt = 0;

  constructor(
    private readonly account: EmailAccountRef,
    private readonly processor: InboundMailProcessor,
    private readonly store: EmailChannelStore,
    private readonly settings: EmailChannelSettings,
  ) {
    this.logger = new Logger(`MailboxWatcher ${account.config.address}`);
  }

  get accountId(): string {
    return this.account.id;
  }

  status(): WatcherStatus {
    return {
      accountId: this.account.id,
      connected: this.connected,
      checkpoint: this.checkpoint,
      lastError: this.lastError,
      processed: this.processed,
      lastFetchAt: this.lastFetchAt,
    };
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    const loop = this.loop;
    if (!loop) return;
    const finished = await Promise.race([loop.then(() => true), sleep(5_000).then(() => false)]);
    if (!finished) this.client?.close();
    await loop;
    this.loop = null;
  }

  private wake(): void {
    this.dirty = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.session();
        failures = 0;
      } catch (err) {
        this.connected = false;
        if (this.stopped) break;
        failures++;
        this.lastError = (err as Error).message;
        const delay = Math.min(1_000 * 2 ** Math.min(failures - 1, 6), 60_000) * (0.75 + Math.random() / 2);
        this.logger.warn(
          `mailbox session ended (${this.lastError}); reconnecting in ${Math.round(delay)} ms`,
        );
        await this.sleepUnlessStopped(delay);
      }
    }
  }

  private async session(): Promise<void> {
    const { imap } = this.account.config;
    const mailbox = mailboxOf(this.account.config);
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
      emitLogs: false,
      autoIdleDelay: 200,
      maxIdleTime: 5 * 60_000,
      connectionTimeout: 20_000,
      greetingTimeout: 15_000,
    });
    this.client = client;
    let closedReason: string | null = null;
    client.on('error', (err: Error) => {
      this.lastError = err.message;
    });
    client.on('close', () => {
      closedReason ??= 'the server closed the connection';
      this.wake();
    });
    client.on('exists', () => this.wake());
    try {
      await client.connect();
      const box = await client.mailboxOpen(mailbox);
      this.connected = true;
      const uidValidity = box.uidValidity.toString();
      let checkpoint = await this.store.getCheckpoint(this.account.id, mailbox);
      if (checkpoint && checkpoint.uidValidity !== uidValidity) {
        this.logger.warn(
          `UIDVALIDITY of ${mailbox} changed (${checkpoint.uidValidity} → ${uidValidity}): re-scanning; stored mail is deduplicated`,
        );
        checkpoint = null;
      }
      if (!checkpoint) {
        checkpoint = { uidValidity, lastUid: 0 };
        await this.store.saveCheckpoint(this.account.id, mailbox, checkpoint);
      }
      this.checkpoint = checkpoint;

      await this.sync(client, mailbox, true);
      const pollMs = this.account.config.pollIntervalMs ?? this.settings.pollIntervalMs;
      while (!this.stopped) {
        if (!this.dirty) await this.waitForChange(pollMs);
        this.dirty = false;
        if (this.stopped) break;
        if (closedReason || !client.usable)
          throw new Error(closedReason ?? 'the connection is no longer usable');
        await this.sync(client, mailbox, false);
      }
    } finally {
      this.connected = false;
      this.client = null;
      if (client.usable) await Promise.race([client.logout().catch(() => undefined), sleep(3_000)]);
      client.close();
    }
  }

  private waitForChange(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }

  private async sleepUnlessStopped(ms: number): Promise<void> {
    this.dirty = false;
    await this.waitForChange(ms);
  }

  /** Fetches and stores everything after the checkpoint (and, on connect, what was stored but never flagged). */
  private async sync(client: ImapFlow, mailbox: string, heal: boolean): Promise<void> {
    for (;;) {
      const checkpoint = this.checkpoint!;
      const last = checkpoint.lastUid;
      const found = (await client.search({ uid: `${last + 1}:*` }, { uid: true })) || [];
      let uids = found.filter((uid) => uid > last);
      if (heal && last > 0) {
        const unflagged =
          (await client.search({ uid: `1:${last}`, unKeyword: PROCESSED_KEYWORD }, { uid: true })) || [];
        uids = [...new Set([...unflagged, ...uids])];
        heal = false;
      }
      if (this.stopped) return;
      if (uids.length === 0) return this.fetched();
      uids.sort((a, b) => a - b);
      await this.processUids(client, mailbox, uids);
      if (this.stopped) return;
    }
  }

  /** Nothing left to read: the mailbox is caught up as of now. */
  private async fetched(): Promise<void> {
    this.lastFetchAt = new Date();
    if (this.lastFetchAt.getTime() - this.lastFetchWrittenAt < LAST_FETCH_WRITE_MS) return;
    this.lastFetchWrittenAt = this.lastFetchAt.getTime();
    // The fetch itself succeeded: a failed write only delays what the System screen shows.
    await this.store
      .recordLastFetch(this.account.id, this.lastFetchAt)
      .catch((err: Error) => this.logger.warn(`could not record the last fetch: ${err.message}`));
  }

  private async processUids(client: ImapFlow, mailbox: string, uids: number[]): Promise<void> {
    let rest = uids;
    // The next batch: up to BATCH_COUNT mails and BATCH_BYTES, sized by a FETCH of just those
    // (sizing a backlog of thousands in one response kept the event loop busy for half a second).
    const take = async (): Promise<number[] | null> => {
      while (rest.length) {
        const window = rest.slice(0, BATCH_COUNT);
        const sizes = new Map<number, number>();
        for (const msg of await client.fetchAll(uidSet(window), { uid: true, size: true }, { uid: true }))
          sizes.set(msg.uid, msg.size ?? 0);
        const batch: number[] = [];
        let bytes = 0;
        let taken = 0;
        for (const uid of window) {
          const size = sizes.get(uid);
          if (size !== undefined && batch.length && bytes + size > BATCH_BYTES) break;
          taken++;
          if (size === undefined) continue; // expunged meanwhile
          batch.push(uid);
          bytes += size;
        }
        rest = rest.slice(taken);
        if (batch.length) return batch;
      }
      return null;
    };

    // The next batch is fetched and parsed while the current one is stored, so neither waits
    // for the other's round trips. Only storing commits, and flags follow each batch's commit.
    let ahead: Promise<FetchedBatch | null> | null = this.prefetch(client, mailbox, take);
    while (ahead) {
      const current: FetchedBatch | null = await ahead;
      if (!current) return;
      ahead = this.stopped ? null : this.prefetch(client, mailbox, take);
      try {
        await this.storeBatch(client, mailbox, current);
      } catch (err) {
        // What was prepared ahead is not stored and not flagged: it is fetched again next time.
        await ahead?.catch(() => undefined);
        throw err;
      }
      if (this.stopped) {
        await ahead?.catch(() => undefined);
        return;
      }
    }
  }

  /**
   * The next batch fetched and prepared (null when none is left), already marked as handled:
   * it may fail while the batch before it is being stored.
   */
  private prefetch(
    client: ImapFlow,
    mailbox: string,
    take: () => Promise<number[] | null>,
  ): Promise<FetchedBatch | null> {
    const fetched = take().then((uids) => (uids ? this.fetchAndPrepare(client, mailbox, uids) : null));
    fetched.catch(() => undefined);
    return fetched;
  }

  private async fetchAndPrepare(client: ImapFlow, mailbox: string, uids: number[]): Promise<FetchedBatch> {
    const sources = new Map<number, Buffer>();
    for (const msg of await client.fetchAll(uidSet(uids), { uid: true, source: true }, { uid: true })) {
      if (msg.source) sources.set(msg.uid, msg.source);
    }
    this.crashIfAsked('after-fetch');
    const present = uids.filter((uid) => sources.has(uid));
    const prepared = await this.processor.prepareMany(
      this.account,
      present.map((uid) => ({ raw: sources.get(uid)!, origin: { mailbox, uid } })),
    );
    return { present, prepared };
  }

  private async storeBatch(
    client: ImapFlow,
    mailbox: string,
    { present, prepared }: FetchedBatch,
  ): Promise<void> {
    const outcomes = await this.processor.storePrepared(prepared);
    const results = new Map<number, ProcessOutcome | Error>(present.map((uid, i) => [uid, outcomes[i]]));
    this.crashIfAsked('after-commit');

    const done = present.filter((uid) => !(results.get(uid) instanceof Error));
    const failed = present.find((uid) => results.get(uid) instanceof Error);
    // The checkpoint only passes mail that is stored: up to the first failure.
    const last = this.checkpoint!.lastUid;
    const advanceTo = Math.max(
      last,
      ...present.filter((uid) => uid > last && (failed === undefined || uid < failed)),
    );
    if (advanceTo > last) {
      this.checkpoint = { uidValidity: this.checkpoint!.uidValidity, lastUid: advanceTo };
      await this.store.saveCheckpoint(this.account.id, mailbox, this.checkpoint);
    }
    if (done.length) {
      await client.messageFlagsAdd(uidSet(done), ['\\Seen', PROCESSED_KEYWORD], { uid: true });
      const moveTo = this.account.config.moveTo;
      if (moveTo) await client.messageMove(uidSet(done), moveTo, { uid: true });
    }
    this.processed += done.length;
    if (failed !== undefined) {
      // A domain error keeps its code in the log and the watcher's status (`not_found: channel account not found`).
      const err = results.get(failed) as Error;
      throw new Error(`could not store mail uid ${failed}: ${describeError(err)}`, { cause: err });
    }
  }

  private crashIfAsked(point: 'after-fetch' | 'after-commit'): void {
    if (this.settings.crashPoint === point) {
      this.logger.error(`crash requested ${point} (SWITCHBOARD_TEST_EMAIL_CRASH)`);
      process.kill(process.pid, 'SIGKILL');
    }
  }
}

/** Ascending UIDs as an IMAP sequence set, runs written as ranges (`1:100,105`). */
export function uidSet(uids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length;) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j] + 1) j++;
    parts.push(i === j ? String(uids[i]) : `${uids[i]}:${uids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
