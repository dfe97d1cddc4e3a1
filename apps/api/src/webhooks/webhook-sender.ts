import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signCallback } from '@switchboard/channel-api';
import { describeError } from '@switchboard/domain';
import { pinnedLookup, resolveWebhookTarget } from './webhook-target.js';

export interface WebhookSend {
  url: string;
  allowPrivateTargets: boolean;
  secret: string;
  eventId: string;
  event: string;
  /** The exact JSON text sent; the same on every attempt of one event. */
  body: string;
  /** A receiver that has not answered by then counts as failed. */
  timeoutMs: number;
}

/** What one attempt came to: `ok` only for a 2xx answer. */
export interface WebhookAttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * One signed POST of an event to a webhook, signed as the API channel signs its callbacks
 * (`X-Switchboard-Signature: sha256=HMAC(secret, "<timestamp>.<body>")` with
 * `X-Switchboard-Timestamp`), with the event id as `Idempotency-Key` so a receiver counts a
 * retried event once. The target is checked again here, after DNS, and the connection goes to the
 * checked addresses only. Redirects are not followed: a 3xx is a failed attempt.
 */
export async function sendWebhook(send: WebhookSend): Promise<WebhookAttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target;
  try {
    target = await resolveWebhookTarget(send.url, send.allowPrivateTargets);
  } catch (err) {
    return {
      ok: false,
      statusCode: null,
      durationMs: elapsed(),
      error: `target refused: ${describeError(err)}`,
    };
  }
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(send.body)),
    'user-agent': 'Switchboard-Webhooks/1',
    'idempotency-key': send.eventId,
    'x-switchboard-event': send.event,
    'x-switchboard-event-id': send.eventId,
    'x-switchboard-timestamp': timestamp,
    'x-switchboard-signature': signCallback(send.secret, timestamp, send.body),
  };
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookAttemptOutcome>((resolve) => {
    let deadline: NodeJS.Timeout | undefined = undefined;
    let settled = false;
    const finish = (outcome: Omit<WebhookAttemptOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const req = request(
      target.url,
      { method: 'POST', headers, lookup: pinnedLookup(target.addresses), agent: false },
      (res) => {
        const statusCode = res.statusCode ?? null;
        // The body is not kept: only whether the receiver took the event matters.
        res.resume();
        res.on('end', () => {
          const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
          finish({ ok, statusCode, error: ok ? null : `answered ${statusCode}` });
        });
        res.on('close', () => finish({ ok: false, statusCode, error: 'the answer was cut off' }));
      },
    );
    // The whole exchange must fit in the time, so a receiver that trickles bytes still ends.
    deadline = setTimeout(
      () => req.destroy(new Error(`no answer within ${send.timeoutMs} ms`)),
      send.timeoutMs,
    );
    req.on('error', (err) => finish({ ok: false, statusCode: null, error: `unreachable: ${err.message}` }));
    req.end(send.body);
  });
}
