import { z } from 'zod';

/** Committed events an admin may subscribe a webhook to. */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'message.updated',
  'sla.warning',
  'sla.breached',
  'survey.received',
] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), 'must be an http:// or https:// URL');

const webhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS, `must be one of ${WEBHOOK_EVENTS.join(', ')}`))
  .min(1, 'must name at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);

const webhookSecret = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(200, 'must be at most 200 characters');

/** `POST /api/admin/webhooks`. Without a secret the server makes one and shows it once. */
export const CreateWebhookBody = z.strictObject({
  url: webhookUrl,
  events: webhookEvents,
  secret: webhookSecret.optional(),
  description: z.string().trim().max(200).optional(),
  /** Loopback, link-local and private targets are refused unless the admin allows them here. */
  allowPrivateTargets: z.boolean().default(false),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

/** `PATCH /api/admin/webhooks/:id`; `enabled: true` also clears the failure count. */
export const PatchWebhookBody = z.strictObject({
  url: webhookUrl.optional(),
  events: webhookEvents.optional(),
  secret: webhookSecret.optional(),
  description: z.string().trim().max(200).optional(),
  allowPrivateTargets: z.boolean().optional(),
  enabled: z.boolean().optional(),
});
export type PatchWebhookBody = z.infer<typeof PatchWebhookBody>;

/** A webhook as admins read it; the signing secret never leaves the server after it was made. */
export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEventName[];
  description: string;
  allowPrivateTargets: boolean;
  enabled: boolean;
  /** Why the server turned it off (failed events in a row), null when on or turned off by an admin. */
  disabledReason: string | null;
  /** Events in a row that failed every attempt; reset by any delivered event. */
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/admin/webhooks` answers the webhook and, once, the secret it signs with. */
export interface WebhookCreatedView extends WebhookView {
  secret: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One HTTP attempt of a delivery. */
export interface WebhookAttemptView {
  attempt: number;
  at: string;
  /** The receiver's status code; null when no answer came (refused, timed out, blocked target). */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** One event on its way to one webhook, with its attempts. */
export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  event: WebhookEventName;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  createdAt: string;
  deliveredAt: string | null;
  attemptLog: WebhookAttemptView[];
}

/** `GET /api/admin/webhooks/:id/deliveries`: newest first, paged with the answer's `nextCursor`. */
export const WebhookDeliveriesQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z
    .string()
    .regex(/^[^|]{10,40}\|[0-9a-f-]{36}$/i, 'must be a nextCursor from a previous page')
    .optional(),
});
export type WebhookDeliveriesQuery = z.infer<typeof WebhookDeliveriesQuery>;
