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
  'followed_ticket',
  'webhook_disabled',
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

/** `PUT /api/admin/settings/notification-mail`: the server agents' notification emails leave by. */
export const NotificationMailBody = z.strictObject({
  host: z.string().trim().min(1, 'must name the SMTP host').max(255),
  port: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be a port (1-65535)')
    .max(65535, 'must be a port (1-65535)'),
  secure: z.boolean().default(false),
  user: z.string().max(255).nullish(),
  /** Omitted: the stored password stays; null: removed. */
  password: z.string().max(1000).nullish(),
  from: z.email('must be an email address'),
  /** Notifications for one agent within this many seconds go out as one email. */
  digestSeconds: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(86_400).default(60),
});
export type NotificationMailBody = z.infer<typeof NotificationMailBody>;

/** The mail setting as the admin reads it back: the password never leaves the server. */
export interface NotificationMailView {
  configured: boolean;
  host: string | null;
  port: number | null;
  secure: boolean;
  user: string | null;
  hasPassword: boolean;
  from: string | null;
  digestSeconds: number;
}

export const NotificationChannelsSchema = z.strictObject({ inApp: z.boolean(), email: z.boolean() });

/** `PUT /api/me/notification-preferences`: per kind, in the console and by email. */
export const NotificationPreferencesBody = z.strictObject(
  Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, NotificationChannelsSchema.optional()]),
  ) as Record<NotificationKind, z.ZodOptional<typeof NotificationChannelsSchema>>,
);
export type NotificationPreferencesBody = z.infer<typeof NotificationPreferencesBody>;
export type NotificationPreferencesView = Record<NotificationKind, { inApp: boolean; email: boolean }>;
