import { z } from 'zod';

/** What a notification is about; preferences are kept per kind. */
export const NOTIFICATION_KINDS = [
  'mention',
  'assignment',
  'transfer',
  'hold_expired',
  'sla_warning',
  'sla_breach',
  'sla_escalation',
  'rule',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification as its owner sees it (`GET /api/notifications`, `notification.created`). */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  ticketId: string | null;
  text: string;
  createdAt: string;
  readAt: string | null;
}

/** `GET /api/notifications`: the caller's, newest first, with how many are unread. */
export interface NotificationListView {
  items: NotificationView[];
  unread: number;
}

/** `POST /api/notifications/read`: some by id, or all of the caller's. */
export const MarkNotificationsReadBody = z.union([
  z.strictObject({
    ids: z.array(z.uuid('must be notification ids')).min(1, 'must name at least one notification').max(500),
  }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkNotificationsReadBody = z.infer<typeof MarkNotificationsReadBody>;
