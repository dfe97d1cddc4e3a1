import { Inject, Injectable } from '@nestjs/common';
import {
  CHANNEL_ADAPTER_REGISTRY,
  type ChannelAdapterRegistry,
  type DeliveryStatusOutcome,
  type DeliveryStatusPort,
  type DeliveryStatusState,
  type DeliveryStatusUpdate,
  type IdentityRef,
} from '@switchboard/channel-kit';
import { canAdvanceDelivery } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import { TicketWriter, type DeliveryTarget as Target, type TicketTx } from '../tickets/ticket-writer.js';

const FAILED: ReadonlySet<DeliveryStatusState> = new Set(['failed', 'undelivered']);

/** Provider delivery reports → our messages. A state only ever moves forward (canAdvanceDelivery). */
@Injectable()
export class DeliveryStatusService implements DeliveryStatusPort {
  constructor(
    private readonly writer: TicketWriter,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
  ) {}

  apply(update: DeliveryStatusUpdate): Promise<DeliveryStatusOutcome> {
    return this.writer.transaction(async (tx) => {
      const { sql } = tx;
      await lockProviderMessage(sql, update.providerMessageId);
      const [target] = await sql.query<Target>(
        `SELECT m.id, m.ticket_id, m.delivery_state, t.team_id, t.assignee_id
           FROM messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE m.channel_account_id = $1 AND m.external_id = $2 AND m.direction = 'out'
          FOR UPDATE OF m`,
        [update.channelAccountId, update.providerMessageId],
      );
      if (!target) {
        await this.holdEarly(sql, update);
        return 'unknown' as const;
      }
      return tx.advanceDelivery(
        target,
        update.state,
        FAILED.has(update.state) ? describeFailure(update) : null,
      );
    });
  }

  applyUpTo(
    channelAccountId: string,
    to: IdentityRef,
    state: DeliveryStatusState,
    upTo: Date,
  ): Promise<number> {
    return this.writer.transaction(async (tx) => {
      const targets = await tx.sql.query<Target>(
        `SELECT m.id, m.ticket_id, m.delivery_state, t.team_id, t.assignee_id
           FROM messages m JOIN tickets t ON t.id = m.ticket_id
           JOIN contact_identities i ON i.id = m.identity_id
          WHERE m.channel_account_id = $1 AND i.kind = $2 AND i.address = $3 AND m.direction = 'out'
            AND m.sent_at IS NOT NULL AND m.sent_at <= $4 AND m.delivery_state IN ('sent', 'delivered')
          ORDER BY m.sent_at FOR UPDATE OF m`,
        [channelAccountId, to.kind, to.address, upTo],
      );
      let count = 0;
      for (const target of targets)
        if ((await tx.advanceDelivery(target, state, null)) === 'applied') count++;
      return count;
    });
  }

  /**
   * A callback that names a send we have not recorded yet (Twilio may call back before its API
   * answer reaches the dispatcher): kept, most advanced state first, until `applyHeld`.
   */
  private async holdEarly(sql: Sql, update: DeliveryStatusUpdate): Promise<void> {
    const [account] = await sql.query<{ kind: string }>(`SELECT kind FROM channel_accounts WHERE id = $1`, [
      update.channelAccountId,
    ]);
    const provider = account ? this.earlyStatusProvider(account.kind) : null;
    if (!provider) return;
    await sql.query(`DELETE FROM pending_delivery_statuses WHERE received_at < now() - interval '1 day'`);
    const [held] = await sql.query<{ state: DeliveryStatusState }>(
      `SELECT state FROM pending_delivery_statuses WHERE provider = $1 AND provider_message_id = $2 FOR UPDATE`,
      [provider, update.providerMessageId],
    );
    if (held && !canAdvanceDelivery(held.state, update.state)) return;
    await sql.query(
      `INSERT INTO pending_delivery_statuses (provider, provider_message_id, channel_account_id, state, reason, error_code)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (provider, provider_message_id) DO UPDATE
         SET channel_account_id = EXCLUDED.channel_account_id, state = EXCLUDED.state, reason = EXCLUDED.reason,
             error_code = EXCLUDED.error_code, received_at = now()`,
      [
        provider,
        update.providerMessageId,
        update.channelAccountId,
        update.state,
        update.reason ?? null,
        update.errorCode ?? null,
      ],
    );
  }

  /**
   * Called by the dispatcher in the transaction that records a send's provider id, after taking
   * `lockProviderMessage`: applies a status that arrived early (never backwards).
   */
  async applyHeld(
    tx: TicketTx,
    send: { messageId: string; channelAccountId: string; accountKind: string; providerMessageId: string },
  ): Promise<DeliveryStatusOutcome> {
    const { sql } = tx;
    const provider = this.earlyStatusProvider(send.accountKind);
    if (!provider) return 'unknown';
    const [held] = await sql.query<{
      state: DeliveryStatusState;
      reason: string | null;
      error_code: string | null;
    }>(
      `DELETE FROM pending_delivery_statuses WHERE provider = $1 AND provider_message_id = $2 AND channel_account_id = $3 RETURNING state, reason, error_code`,
      [provider, send.providerMessageId, send.channelAccountId],
    );
    if (!held) return 'unknown';
    const [target] = await sql.query<Target>(
      `SELECT m.id, m.ticket_id, m.delivery_state, t.team_id, t.assignee_id
         FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = $1 FOR UPDATE OF m`,
      [send.messageId],
    );
    if (!target) return 'unknown';
    const update: DeliveryStatusUpdate = {
      channelAccountId: send.channelAccountId,
      providerMessageId: send.providerMessageId,
      state: held.state,
      ...(held.reason ? { reason: held.reason } : {}),
      ...(held.error_code ? { errorCode: held.error_code } : {}),
    };
    return tx.advanceDelivery(target, held.state, FAILED.has(held.state) ? describeFailure(update) : null);
  }

  /** Providers whose status callbacks can overtake the answer to our send, by their adapter; others' unknown ids are dropped. */
  private earlyStatusProvider(accountKind: string): string | null {
    return this.adapters.get(accountKind)?.earlyStatusProvider ?? null;
  }
}

/** The provider's reason, with its error code when the words do not already carry it. */
function describeFailure(update: DeliveryStatusUpdate): string {
  const reason = update.reason ?? 'The provider could not deliver the message.';
  return update.errorCode && !reason.includes(update.errorCode)
    ? `${reason} (error ${update.errorCode})`
    : reason;
}

/**
 * Serializes "record the send" and "a callback for it arrives" on the provider's message id, so
 * a callback either sees the recorded send or is held where the recording transaction finds it.
 */
export async function lockProviderMessage(sql: Sql, providerMessageId: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended('delivery:' || $1, 0))`, [
    providerMessageId,
  ]);
}
