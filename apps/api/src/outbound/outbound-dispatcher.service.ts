import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  CHANNEL_ADAPTER_REGISTRY,
  PermanentSendError,
  RetryableSendError,
  type ChannelAdapterRegistry,
  type OutboundMessage,
} from '@switchboard/channel-kit';
import { backoffDelayMs } from '@switchboard/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ChannelAccountsService } from '../channel-accounts/channel-accounts.service.js';
import { DeliveryStatusService, lockProviderMessage } from '../channel-ports/delivery-status.service.js';
import { Db } from '../common/db.js';
import { FailureBackoff } from '../workers/failure-backoff.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { DemoTransport } from '../seed/demo-transport.js';
import { Metrics } from '../observability/metrics.js';
import { withRequestId } from '../observability/request-context.js';
import { OutboundWakeup } from './outbound-wakeup.js';

// Backoff doubles from a second up to ten minutes, so twelve attempts span about twenty minutes:
// a provider outage of that length delays replies but does not fail them.
const MAX_ATTEMPTS = 12;
const BATCH = 16;

interface ClaimedJob {
  id: string;
  message_id: string;
  idempotency_key: string;
  attempts: number;
  text: string;
  html: string | null;
  ticket_id: string;
  number: string;
  subject: string;
  team_id: string | null;
  assignee_id: string | null;
  channel_account_id: string;
  identity_kind: string | null;
  identity_address: string | null;
  contact_name: string | null;
  /** An approved template the agent chose, stored in the message's meta. */
  template: OutboundMessage['template'] | null;
  /** Files the agent attached, stored in the message's meta. */
  attachments: OutboundMessage['attachments'] | null;
  /** Copies of an email, stored in the message's meta. */
  cc: string[] | null;
  bcc: string[] | null;
  /** The request that queued the send, so its log lines carry that request's id. */
  request_id: string | null;
  /** Answer buttons (a survey), stored in the message's meta. */
  choices: OutboundMessage['choices'] | null;
}

/**
 * Sends queued outbound messages. Jobs are leased with FOR UPDATE SKIP LOCKED so any number of
 * workers can run; a worker that dies mid-send leaves its lease to expire and another resends
 * with the same idempotency key, so the receiver can count the message once.
 */
@Injectable()
export class OutboundDispatcher {
  private readonly logger = new Logger('OutboundDispatcher');
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private rerun = false;
  private stopped = true;
  private backoff = new FailureBackoff('outbound dispatch', 500, this.logger);
  /** While draining fails (the database is away), polls wait until then; a wake-up still tries at once. */
  private pausedUntil = 0;

  constructor(
    private readonly db: Db,
    private readonly accounts: ChannelAccountsService,
    private readonly writer: TicketWriter,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    wakeup: OutboundWakeup,
    private readonly deliveryStatuses: DeliveryStatusService,
    private readonly demoTransport: DemoTransport,
    @Optional() private readonly metrics?: Metrics,
  ) {
    wakeup.onWake(() => this.kick());
  }

  start(pollMs = 500): void {
    this.stopped = false;
    this.backoff = new FailureBackoff('outbound dispatch', pollMs, this.logger);
    const tick = () => {
      if (this.stopped) return;
      if (Date.now() >= this.pausedUntil) this.kick();
      this.timer = setTimeout(tick, pollMs);
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    void this.drain()
      .then(
        () => {
          this.backoff.succeeded();
          this.pausedUntil = 0;
        },
        (err) => (this.pausedUntil = Date.now() + this.backoff.failed(err)),
      )
      .finally(() => {
        this.running = false;
        if (this.rerun && !this.stopped) {
          this.rerun = false;
          this.kick();
        }
      });
  }

  /** Claims and sends batches until nothing is due. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await this.claim();
      if (jobs.length === 0) return total;
      await Promise.all(jobs.map((job) => withRequestId(job.request_id, () => this.send(job))));
      total += jobs.length;
    }
  }

  private claim(): Promise<ClaimedJob[]> {
    return this.db.query<ClaimedJob>(
      `WITH claimed AS (
         UPDATE outbound_jobs j SET locked_until = now() + make_interval(secs => $1), attempts = attempts + 1
          WHERE id IN (SELECT id FROM outbound_jobs
                        WHERE next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
                        ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING j.*)
       SELECT cl.id, cl.message_id, cl.idempotency_key, cl.attempts, cl.request_id, m.text, CASE WHEN m.direction = 'out' THEN m.html END AS html, t.id AS ticket_id, t.number, t.subject, t.team_id, t.assignee_id,
              m.channel_account_id, i.kind AS identity_kind, i.address AS identity_address, c.name AS contact_name,
              m.meta -> 'template' AS template, CASE WHEN m.direction = 'out' THEN m.meta -> 'attachments' END AS attachments,
              m.meta -> 'cc' AS cc, m.meta -> 'bcc' AS bcc, CASE WHEN m.direction = 'out' THEN m.meta -> 'choices' END AS choices
         FROM claimed cl JOIN messages m ON m.id = cl.message_id JOIN tickets t ON t.id = m.ticket_id
         JOIN contacts c ON c.id = t.contact_id LEFT JOIN contact_identities i ON i.id = m.identity_id`,
      [this.config.outboxLeaseSeconds, BATCH],
    );
  }

  private async send(job: ClaimedJob): Promise<void> {
    const account = job.channel_account_id ? await this.accounts.get(job.channel_account_id) : null;
    // A demo account's replies never reach a provider, whatever its kind.
    const adapter = account?.demo
      ? this.demoTransport
      : account
        ? this.adapters.get(account.kind)
        : undefined;
    if (!account || !adapter)
      return this.finish(
        job,
        'failed',
        `no channel can send this message (${account ? `kind ${account.kind} has no adapter` : 'channel account missing'})`,
      );
    if (!job.identity_address || !job.identity_kind)
      return this.finish(job, 'failed', 'the customer has no address on this channel to reply to');
    const attachments = job.attachments ?? [];
    // Never send without the files the agent attached: the reply endpoint refuses them already.
    if (attachments.length && !adapter.sendsAttachments)
      return this.finish(job, 'failed', `attachments cannot be sent by ${account.kind}`);
    const outbound: OutboundMessage = {
      messageId: job.message_id,
      idempotencyKey: job.idempotency_key,
      ticketId: job.ticket_id,
      ticketNumber: Number(job.number),
      subject: job.subject,
      to: { kind: job.identity_kind, address: job.identity_address, name: job.contact_name },
      text: job.text,
      ...(job.html ? { html: job.html } : {}),
      attempt: job.attempts,
      ...(job.template?.contentSid ? { template: job.template } : {}),
      ...(attachments.length ? { attachments } : {}),
      ...(job.cc?.length ? { cc: job.cc } : {}),
      ...(job.bcc?.length ? { bcc: job.bcc } : {}),
      ...(job.choices?.length ? { choices: job.choices } : {}),
    };
    this.metrics?.dispatchAttempts.inc({ channel: account.kind });
    try {
      const result = await adapter.send(account, outbound);
      await this.finish(job, result.state ?? 'sent', null, result.providerMessageId, account.kind);
      this.logger.log(`sent message ${job.message_id} through ${account.kind} (attempt ${job.attempts})`);
    } catch (err) {
      const reason = (err as Error).message || 'unknown error';
      const givingUp = err instanceof PermanentSendError || job.attempts >= MAX_ATTEMPTS;
      this.metrics?.dispatchFailures.inc({
        channel: account.kind,
        outcome: givingUp ? 'failed' : 'retrying',
      });
      this.logger.warn(
        `sending message ${job.message_id} through ${account.kind} failed (attempt ${job.attempts}): ${reason}`,
      );
      if (givingUp) {
        await this.finish(
          job,
          'failed',
          err instanceof PermanentSendError ? reason : `gave up after ${job.attempts} attempts: ${reason}`,
        );
      } else {
        await this.retryLater(job, reason, err instanceof RetryableSendError ? err.retryAfterMs : undefined);
      }
    }
  }

  private async retryLater(job: ClaimedJob, reason: string, retryAfterMs?: number): Promise<void> {
    // A provider that says when to come back (HTTP 429 retry_after) is not asked sooner.
    const delay = Math.max(backoffDelayMs(job.attempts, 1000, 10 * 60_000), retryAfterMs ?? 0);
    await this.db.query(
      `UPDATE outbound_jobs SET locked_until = NULL, next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1`,
      [job.id, delay / 1000, reason],
    );
    await this.db.query(`UPDATE messages SET delivery_error = $2 WHERE id = $1`, [
      job.message_id,
      `attempt ${job.attempts} failed, retrying: ${reason}`,
    ]);
  }

  /** Records the outcome and removes the job in one transaction, then tells the agents. */
  private async finish(
    job: ClaimedJob,
    state: 'sent' | 'delivered' | 'failed',
    error: string | null,
    providerId?: string,
    accountKind?: string,
  ): Promise<void> {
    await this.writer.transaction(async (tx) => {
      if (providerId) await lockProviderMessage(tx.sql, providerId); // a status callback for this send may already be waiting
      const recorded = await tx.recordSend(job, state, error, providerId ?? null);
      await tx.sql.query(`DELETE FROM outbound_jobs WHERE id = $1`, [job.id]);
      if (recorded && providerId && accountKind) {
        await this.deliveryStatuses.applyHeld(tx, {
          messageId: job.message_id,
          channelAccountId: job.channel_account_id,
          accountKind,
          providerMessageId: providerId,
        });
      }
    });
  }
}
