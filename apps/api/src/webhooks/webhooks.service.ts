import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  CreateWebhookBody,
  PatchWebhookBody,
  WebhookCreatedView,
  WebhookDeliveryView,
  WebhookView,
} from '@switchboard/contracts';
import { conflict, notFound } from '@switchboard/domain';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db } from '../common/db.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { resolveWebhookTarget } from './webhook-target.js';

interface WebhookRow {
  id: string;
  url: string;
  events: WebhookView['events'];
  description: string;
  allow_private_targets: boolean;
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, url, events, description, allow_private_targets, enabled, disabled_reason,
  consecutive_failures, created_at, updated_at`;

const toView = (r: WebhookRow): WebhookView => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  allowPrivateTargets: r.allow_private_targets,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

interface DeliveryRow {
  id: string;
  event_id: string;
  event: WebhookDeliveryView['event'];
  status: WebhookDeliveryView['status'];
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  created_at: Date;
  delivered_at: Date | null;
  attempt_log: Array<{
    attempt: number;
    at: string;
    status_code: number | null;
    duration_ms: number;
    error: string | null;
  }>;
}

const toDeliveryView = (r: DeliveryRow): WebhookDeliveryView => ({
  id: r.id,
  eventId: r.event_id,
  event: r.event,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'pending' ? (r.next_attempt_at?.toISOString() ?? null) : null,
  lastStatusCode: r.last_status_code,
  createdAt: r.created_at.toISOString(),
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  attemptLog: r.attempt_log.map((a) => ({
    attempt: a.attempt,
    at: new Date(a.at).toISOString(),
    statusCode: a.status_code,
    durationMs: a.duration_ms,
    error: a.error,
  })),
});

/** A delivery with its attempts in order; the cursor pages the log by (created_at, id). */
const DELIVERY_SELECT = `
  SELECT d.id, d.event_id, d.event, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
         d.created_at, d.delivered_at, d.created_at::text || '|' || d.id AS cursor,
         coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'status_code', a.status_code,
                                                     'duration_ms', a.duration_ms, 'error', a.error) ORDER BY a.id)
                     FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempt_log
    FROM webhook_deliveries d`;

/** Secrets made by the server: long enough that guessing is hopeless, prefixed so they are recognisable. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/**
 * The admin's event webhooks: saving checks the target (see `resolveWebhookTarget`), the signing
 * secret is kept sealed and shown once when the server made it, and the delivery log lists each
 * event with its attempts.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async create(input: CreateWebhookBody, actorId: string): Promise<WebhookCreatedView> {
    await resolveWebhookTarget(input.url, input.allowPrivateTargets);
    const secret = input.secret ?? newSecret();
    const [row] = await this.db.query<WebhookRow>(
      `INSERT INTO webhooks (url, events, description, secret_sealed, allow_private_targets, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [
        input.url,
        input.events,
        input.description ?? '',
        this.box.seal(secret),
        input.allowPrivateTargets,
        actorId,
      ],
    );
    return { ...toView(row), secret };
  }

  async list(): Promise<WebhookView[]> {
    const rows = await this.db.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks ORDER BY created_at, id`);
    return rows.map(toView);
  }

  async get(id: string): Promise<WebhookView> {
    const [row] = await this.db.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1`, [id]);
    if (!row) throw notFound('webhook not found');
    return toView(row);
  }

  async update(id: string, input: PatchWebhookBody): Promise<WebhookView> {
    const current = await this.db.one<{ url: string; allow_private_targets: boolean }>(
      `SELECT url, allow_private_targets FROM webhooks WHERE id = $1`,
      [id],
    );
    if (!current) throw notFound('webhook not found');
    // A change of either the URL or the switch is checked against the pair as it will be saved.
    if (input.url !== undefined || input.allowPrivateTargets !== undefined)
      await resolveWebhookTarget(
        input.url ?? current.url,
        input.allowPrivateTargets ?? current.allow_private_targets,
      );
    const [row] = await this.db.query<WebhookRow>(
      `UPDATE webhooks SET
         url = coalesce($2, url),
         events = coalesce($3, events),
         description = coalesce($4, description),
         secret_sealed = coalesce($5, secret_sealed),
         allow_private_targets = coalesce($6, allow_private_targets),
         enabled = coalesce($7, enabled),
         -- Turning a webhook on again gives it a fresh start; turning it off is the admin's doing.
         disabled_reason = CASE WHEN $7::boolean IS NOT NULL THEN NULL ELSE disabled_reason END,
         consecutive_failures = CASE WHEN $7::boolean THEN 0 ELSE consecutive_failures END,
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        input.url ?? null,
        input.events ?? null,
        input.description ?? null,
        input.secret ? this.box.seal(input.secret) : null,
        input.allowPrivateTargets ?? null,
        input.enabled ?? null,
      ],
    );
    if (!row) throw notFound('webhook not found');
    if (input.enabled) this.dispatcher.kick();
    return toView(row);
  }

  async remove(id: string): Promise<void> {
    const rows = await this.db.query(`DELETE FROM webhooks WHERE id = $1 RETURNING 1`, [id]);
    if (rows.length === 0) throw notFound('webhook not found');
  }

  /** The webhook's deliveries, newest first, each with its attempts in order. */
  async deliveries(
    webhookId: string,
    limit: number,
    before?: string,
  ): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
    await this.get(webhookId);
    const rows = await this.db.query<DeliveryRow & { cursor: string }>(
      `${DELIVERY_SELECT}
        WHERE d.webhook_id = $1
          AND ($3::text IS NULL OR (d.created_at, d.id) < (split_part($3, '|', 1)::timestamptz, split_part($3, '|', 2)::uuid))
        ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
      [webhookId, limit + 1, before ?? null],
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    return { items: page.map(toDeliveryView), nextCursor: more ? page[page.length - 1].cursor : null };
  }

  /** Sends the same event (same id, same body) again now, with a fresh round of retries. */
  async redeliver(webhookId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const hook = await this.get(webhookId);
    if (!hook.enabled) throw conflict('the webhook is turned off; turn it on to redeliver');
    const rows = await this.db.query(
      `UPDATE webhook_deliveries SET status = 'pending', round_attempts = 0, next_attempt_at = now()
        WHERE id = $1 AND webhook_id = $2 RETURNING id`,
      [deliveryId, webhookId],
    );
    if (rows.length === 0) throw notFound('delivery not found');
    this.dispatcher.kick();
    return this.delivery(deliveryId);
  }

  private async delivery(id: string): Promise<WebhookDeliveryView> {
    const [row] = await this.db.query<DeliveryRow>(`${DELIVERY_SELECT} WHERE d.id = $1`, [id]);
    return toDeliveryView(row);
  }
}
