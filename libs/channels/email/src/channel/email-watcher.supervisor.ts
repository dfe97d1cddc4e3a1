import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CHANNEL_ACCOUNT_DIRECTORY, type ChannelAccountDirectory } from '@switchboard/channel-kit';
import { readEmailConfig, type EmailAccountConfig } from './email-config.js';
import {
  EMAIL_CHANNEL_SETTINGS,
  EMAIL_CHANNEL_STORE,
  type EmailChannelSettings,
  type EmailChannelStore,
} from './email-ports.js';
import { InboundMailProcessor } from './inbound-mail.processor.js';
import { MailboxWatcher, type WatcherStatus } from './mailbox-watcher.js';

/**
 * Runs one MailboxWatcher per active email account on whichever node holds that mailbox's
 * lease. Leases are rows with an expiry this node renews on every scan; a node that dies stops
 * renewing and another takes the mailbox over once the lease has expired. Two nodes briefly
 * watching the same mailbox (a paused holder) is safe: ingest dedupes on the Message-ID.
 * A created or edited account is announced by the store on every node as soon as it is
 * committed, and looked at right away: a new or re-enabled mailbox is watched at once by the node
 * that takes its lease, a disabled one stopped, one whose settings changed reconnected with the
 * new ones (from its saved checkpoint). The periodic scan renews leases and catches whatever an
 * announcement missed. All of it runs one step at a time, so two steps never start one mailbox twice.
 */
@Injectable()
export class EmailWatcherSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EmailWatchers');
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly watchers = new Map<string, MailboxWatcher>();
  /** A digest of the settings each watcher was started with; secrets are hashed, never kept in plain. */
  private readonly settingsDigests = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private stopped = true;
  private changes: { stop(): Promise<void> } | null = null;
  /** The tail of the steps run one at a time (scans and single-account checks). */
  private serial: Promise<void> = Promise.resolve();

  constructor(
    @Inject(EMAIL_CHANNEL_STORE) private readonly store: EmailChannelStore,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) private readonly accounts: ChannelAccountDirectory,
    @Inject(EMAIL_CHANNEL_SETTINGS) private readonly settings: EmailChannelSettings,
    private readonly processor: InboundMailProcessor,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.runWatchers) return;
    this.stopped = false;
    this.changes = this.store.watchAccountChanges({
      changed: (id) => void this.checkAccount(id),
      missed: () => void this.scanNow(),
    });
    const tick = () => {
      if (this.stopped) return;
      void this.scanNow().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.settings.accountScanMs);
      });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.changes?.stop();
    await this.serial;
    await Promise.all([...this.watchers.keys()].map((id) => this.stopWatcher(id, true)));
  }

  status(): WatcherStatus[] {
    return [...this.watchers.values()].map((w) => w.status());
  }

  /** Stops and starts one mailbox's watcher, as a redeploy would (tests use it mid-stream). */
  async restart(accountId: string): Promise<void> {
    const watcher = this.watchers.get(accountId);
    if (!watcher) return;
    await watcher.stop();
    watcher.start();
  }

  /** Takes, renews or gives up leases and starts or stops watchers accordingly. */
  scanNow(): Promise<void> {
    this.scanning ??= this.inTurn(() => this.scan()).finally(() => (this.scanning = null));
    return this.scanning;
  }

  /** Starts, reconnects or stops one account's watcher after the account was created or edited. */
  checkAccount(id: string): Promise<void> {
    return this.inTurn(async () => {
      if (this.stopped) return;
      try {
        const config = await this.watchableConfig(id, true);
        if (!config) {
          if (this.watchers.has(id)) await this.stopWatcher(id, true);
          return;
        }
        if (!(await this.store.acquireLease(id, this.holder, this.settings.leaseSeconds))) return;
        if (!this.watchers.has(id)) await this.startWatcher(id, config);
        else await this.reconnectIfChanged(id, config);
      } catch (err) {
        this.logger.warn(`checking mailbox ${id} failed: ${(err as Error).message}`);
      }
    });
  }

  private inTurn(step: () => Promise<void>): Promise<void> {
    const run = this.serial.then(step);
    this.serial = run.catch(() => undefined);
    return run;
  }

  private async scan(): Promise<void> {
    try {
      const ids = new Set(await this.store.emailAccountIds());
      for (const id of [...this.watchers.keys()]) if (!ids.has(id)) await this.stopWatcher(id, true);
      for (const id of ids) {
        if (this.stopped) return;
        const held = await this.store.acquireLease(id, this.holder, this.settings.leaseSeconds);
        if (!held) {
          if (this.watchers.has(id)) {
            this.logger.warn(`lost the lease of mailbox ${id} to another node: stopping its watcher`);
            await this.stopWatcher(id, false);
          }
          continue;
        }
        if (!this.watchers.has(id)) await this.startWatcher(id);
        else await this.reconnectIfChanged(id);
      }
    } catch (err) {
      this.logger.warn(`mailbox scan failed: ${(err as Error).message}`);
    }
  }

  private async startWatcher(id: string, known?: EmailAccountConfig): Promise<void> {
    const config = known ?? (await this.watchableConfig(id));
    if (!config) return;
    const watcher = new MailboxWatcher({ id, config }, this.processor, this.store, this.settings);
    this.watchers.set(id, watcher);
    this.settingsDigests.set(id, digest(config));
    watcher.start();
  }

  private async reconnectIfChanged(id: string, known?: EmailAccountConfig): Promise<void> {
    const config = known ?? (await this.watchableConfig(id));
    if (config && digest(config) === this.settingsDigests.get(id)) return;
    this.logger.log(`settings of mailbox ${id} changed: ${config ? 'reconnecting' : 'stopping its watcher'}`);
    await this.stopWatcher(id, !config);
    if (config) await this.startWatcher(id);
  }

  /** The account's checked config, or null when it should not be watched (gone, disabled, misconfigured). */
  private async watchableConfig(id: string, fresh = false): Promise<EmailAccountConfig | null> {
    // Just announced as changed: a cached copy (this node's, seconds old) may predate the change.
    const account =
      fresh && this.accounts.fresh ? await this.accounts.fresh(id) : await this.accounts.get(id);
    if (!account || !account.active || account.kind !== 'email') return null;
    try {
      return readEmailConfig(account.config);
    } catch (err) {
      this.logger.warn(`email account ${id} is misconfigured, not watching it: ${(err as Error).message}`);
      return null;
    }
  }

  private async stopWatcher(id: string, release: boolean): Promise<void> {
    const watcher = this.watchers.get(id);
    this.watchers.delete(id);
    this.settingsDigests.delete(id);
    await watcher?.stop();
    if (release) await this.store.releaseLease(id, this.holder).catch(() => undefined);
  }
}

function digest(config: EmailAccountConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}
