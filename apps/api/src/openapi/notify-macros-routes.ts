import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Notifications, their settings and macros: the routes for the OpenAPI document. */
const Notification = z.object({
  id: z.uuid(),
  kind: z.enum(c.NOTIFICATION_KINDS),
  ticketId: z.uuid().nullable(),
  text: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const Unread = z.object({ unread: z.number() });
const MailView = z.object({
  configured: z.boolean(),
  host: z.string().nullable(),
  port: z.number().nullable(),
  secure: z.boolean(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
  from: z.string().nullable(),
  digestSeconds: z.number(),
});
const Preferences = z.record(z.enum(c.NOTIFICATION_KINDS), c.NotificationChannelsSchema);
const Macro = z.object({
  id: z.uuid(),
  name: z.string(),
  shared: z.boolean(),
  ownerId: z.uuid(),
  actions: z.array(c.MacroAction),
  createdAt: z.string(),
});
const BulkResult = z.object({
  results: z.array(z.object({ ticketId: z.uuid(), ok: z.boolean(), error: z.string().optional() })),
});

const ok = (json: z.ZodType, status: 200 | 201 = 200) => ({ status, json }) as const;

export const NOTIFY_MACRO_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/notifications',
    summary: "The caller's notifications, newest first, with the unread count (live: `notification.created`)",
    tag: 'notifications',
    auth: 'bearer',
    reply: ok(z.object({ items: z.array(Notification), unread: z.number() })),
  },
  {
    method: 'post',
    path: '/api/notifications/read',
    summary: "Mark some of the caller's notifications read (`ids`), or all of them (`all: true`)",
    tag: 'notifications',
    auth: 'bearer',
    body: c.MarkNotificationsReadBody,
    reply: ok(Unread),
  },
  {
    method: 'get',
    path: '/api/admin/settings/notification-mail',
    summary: 'The SMTP server notification emails go out by (the password is never returned)',
    tag: 'notifications',
    auth: 'bearer',
    reply: ok(MailView),
  },
  {
    method: 'put',
    path: '/api/admin/settings/notification-mail',
    summary: 'Set the SMTP server and digest window of notification emails (admins)',
    tag: 'notifications',
    auth: 'bearer',
    body: c.NotificationMailBody,
    reply: ok(MailView),
  },
  {
    method: 'get',
    path: '/api/me/notification-preferences',
    summary: "The caller's notification preferences per kind: in the console and by email",
    tag: 'notifications',
    auth: 'bearer',
    reply: ok(Preferences),
  },
  {
    method: 'put',
    path: '/api/me/notification-preferences',
    summary: "Change the caller's notification preferences for the kinds given",
    tag: 'notifications',
    auth: 'bearer',
    body: c.NotificationPreferencesBody,
    reply: ok(Preferences),
  },
  {
    method: 'get',
    path: '/api/macros',
    summary: "The caller's own macros and the shared ones",
    tag: 'macros',
    auth: 'bearer',
    reply: ok(z.object({ items: z.array(Macro) })),
  },
  {
    method: 'post',
    path: '/api/macros',
    summary: 'Create a macro: personal, or shared (supervisors and admins)',
    tag: 'macros',
    auth: 'bearer',
    body: c.CreateMacroBody,
    reply: ok(Macro, 201),
  },
  {
    method: 'get',
    path: '/api/macros/{id}',
    summary: 'One macro the caller may use',
    tag: 'macros',
    auth: 'bearer',
    reply: ok(Macro),
  },
  {
    method: 'patch',
    path: '/api/macros/{id}',
    summary: 'Change a macro (its owner; shared ones supervisors and admins)',
    tag: 'macros',
    auth: 'bearer',
    body: c.PatchMacroBody,
    reply: ok(Macro),
  },
  {
    method: 'delete',
    path: '/api/macros/{id}',
    summary: 'Delete a macro (its owner; shared ones supervisors and admins)',
    tag: 'macros',
    auth: 'bearer',
    reply: { status: 204 },
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/macros/{macroId}',
    summary: 'Apply a macro to a ticket, atomically (a failing action leaves the ticket unchanged)',
    tag: 'macros',
    auth: 'bearer',
    reply: ok(c.TicketView),
  },
  {
    method: 'post',
    path: '/api/tickets/bulk/macros/{macroId}',
    summary: 'Apply a macro to up to 500 tickets, each on its own; the outcome per ticket',
    tag: 'macros',
    auth: 'bearer',
    body: c.BulkMacroBody,
    reply: ok(BulkResult),
  },
];
