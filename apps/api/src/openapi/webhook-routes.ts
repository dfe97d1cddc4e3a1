import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Event webhooks: the routes for the OpenAPI document. */
const Webhook = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.enum(c.WEBHOOK_EVENTS)),
  description: z.string(),
  allowPrivateTargets: z.boolean(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const Delivery = z.object({
  id: z.uuid(),
  eventId: z.string(),
  event: z.enum(c.WEBHOOK_EVENTS),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  attemptLog: z.array(
    z.object({
      attempt: z.number(),
      at: z.string(),
      statusCode: z.number().nullable(),
      durationMs: z.number(),
      error: z.string().nullable(),
    }),
  ),
});

const admin = { auth: 'bearer', tag: 'webhooks' } as const;

export const WEBHOOK_ROUTES: ApiRoute[] = [
  {
    ...admin,
    method: 'get',
    path: '/api/admin/webhooks',
    summary: 'Event webhooks (admins)',
    reply: { status: 200, json: z.object({ items: z.array(Webhook) }) },
  },
  {
    ...admin,
    method: 'post',
    path: '/api/admin/webhooks',
    summary:
      'Add an event webhook; loopback, link-local and private targets are refused (400) unless allowPrivateTargets; answers the signing secret once (admins)',
    body: c.CreateWebhookBody,
    reply: { status: 201, json: Webhook.extend({ secret: z.string() }) },
  },
  {
    ...admin,
    method: 'get',
    path: '/api/admin/webhooks/{id}',
    summary: 'One event webhook (admins)',
    reply: { status: 200, json: Webhook },
  },
  {
    ...admin,
    method: 'patch',
    path: '/api/admin/webhooks/{id}',
    summary: 'Change an event webhook; enabled: true turns it on again and clears its failure count (admins)',
    body: c.PatchWebhookBody,
    reply: { status: 200, json: Webhook },
  },
  {
    ...admin,
    method: 'delete',
    path: '/api/admin/webhooks/{id}',
    summary: 'Remove an event webhook and its delivery log (admins)',
    reply: { status: 204 },
  },
  {
    ...admin,
    method: 'get',
    path: '/api/admin/webhooks/{id}/deliveries',
    summary: 'The delivery log, newest first: each event with every attempt’s status code and time (admins)',
    query: c.WebhookDeliveriesQuery,
    reply: { status: 200, json: z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() }) },
  },
  {
    ...admin,
    method: 'post',
    path: '/api/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    summary:
      'Send an event again (same id and body) with a fresh round of retries; 409 while the webhook is off (admins)',
    reply: { status: 200, json: Delivery },
  },
];
