import {
  WEBHOOK_EVENTS,
  type CreateWebhookBody,
  type PatchWebhookBody,
  type WebhookCreatedView,
  type WebhookDeliveryView,
  type WebhookEventName,
  type WebhookView,
} from '@switchboard/contracts';
import { api, toQuery } from '../../../lib/api-client';

export { WEBHOOK_EVENTS };
export type { WebhookDeliveryView, WebhookEventName, WebhookView };

/** What the form sends; the server fills in the defaults the contract gives. */
export type WebhookInput = Partial<CreateWebhookBody> & PatchWebhookBody;

export interface DeliveryPage {
  items: WebhookDeliveryView[];
  nextCursor: string | null;
}

export const webhookKeys = {
  all: () => ['webhooks'] as const,
  list: () => ['webhooks', 'list'] as const,
  deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
};

const base = '/api/admin/webhooks';
const one = (id: string) => [base, encodeURIComponent(id)].join('/');

export const fetchWebhooks = () => api.get<{ items: WebhookView[] }>(base).then((r) => r.items);

export const createWebhook = (input: WebhookInput) => api.post<WebhookCreatedView>(base, input);

export const updateWebhook = (id: string, input: WebhookInput) => api.patch<WebhookView>(one(id), input);

export const deleteWebhook = (id: string) => api.delete<void>(one(id));

export const fetchDeliveries = (id: string, cursor?: string | null) =>
  api.get<DeliveryPage>([one(id), 'deliveries'].join('/') + toQuery({ cursor, limit: 25 }));

export const redeliver = (id: string, deliveryId: string) =>
  api.post<WebhookDeliveryView>(
    [one(id), 'deliveries', encodeURIComponent(deliveryId), 'redeliver'].join('/'),
  );
