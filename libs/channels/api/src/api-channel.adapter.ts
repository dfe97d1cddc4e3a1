import {
  PermanentSendError,
  type ChannelAccountRef,
  type ChannelAdapter,
  type OutboundMessage,
  type SendResult,
} from '@switchboard/channel-kit';
import { signCallback } from './callback-signature.js';

const TIMEOUT_MS = 10_000;

/**
 * Delivers agent replies to the integration's callback URL as a signed JSON POST. The
 * `Idempotency-Key` header is the message id: the same on every retry, so the receiver can
 * drop repeats after a crash between sending and recording.
 */
export class ApiChannelAdapter implements ChannelAdapter {
  readonly kind = 'api';

  async send(account: ChannelAccountRef, message: OutboundMessage): Promise<SendResult> {
    const url = account.config.callbackUrl;
    const secret = account.config.signingSecret;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url))
      throw new PermanentSendError('the API channel has no callback URL configured');
    if (typeof secret !== 'string') throw new PermanentSendError('the API channel has no signing secret');
    const body = JSON.stringify({
      messageId: message.messageId,
      ticketId: message.ticketId,
      ticketNumber: message.ticketNumber,
      to: { handle: message.to.address, name: message.to.name ?? undefined },
      text: message.text,
      attempt: message.attempt,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.idempotencyKey,
          'x-switchboard-timestamp': timestamp,
          'x-switchboard-signature': signCallback(secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new Error(`callback unreachable: ${(err as Error).message}`, { cause: err });
    }
    if (response.ok) return { state: 'sent' };
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    const reason = `callback answered ${response.status}${detail ? `: ${detail}` : ''}`;
    // A 4xx other than timeout/rate limit will not succeed on retry.
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
      throw new PermanentSendError(reason, String(response.status));
    throw new Error(reason);
  }
}
