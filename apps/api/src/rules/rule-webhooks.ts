import { createHmac } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../common/db.js';

export interface WebhookCall {
  runId: string;
  url: string;
  secret: string;
  body: unknown;
}

const TIMEOUT_MS = 5000;

/**
 * A rule's webhook, called after its run committed and never awaited by the run: a slow or
 * failing endpoint cannot hold up ingest. The body is signed with the rule's secret
 * (`x-switchboard-signature: sha256=<hex HMAC-SHA256 of the body>`); a failure is written into
 * the run's log. Calls are at most once: a node dying between commit and call skips the call.
 */
@Injectable()
export class RuleWebhooks {
  private readonly logger = new Logger('RuleWebhooks');

  constructor(private readonly db: Db) {}

  send(call: WebhookCall): void {
    void this.deliver(call);
  }

  private async deliver(call: WebhookCall): Promise<void> {
    const body = JSON.stringify(call.body);
    const signature = createHmac('sha256', call.secret).update(body).digest('hex');
    let failure: string | null = null;
    try {
      const res = await fetch(call.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-switchboard-signature': `sha256=${signature}` },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) failure = `webhook ${call.url} answered ${res.status}`;
    } catch (err) {
      failure = `webhook ${call.url} failed: ${(err as Error).message}`;
    }
    if (!failure) return;
    this.logger.warn(failure);
    await this.db
      .query(`UPDATE rule_runs SET outcome = 'failed', reason = $2 WHERE id = $1`, [call.runId, failure])
      .catch((err: Error) => this.logger.error(`could not log a webhook failure: ${err.message}`));
  }
}
