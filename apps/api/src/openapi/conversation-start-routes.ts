import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Conversations agents start, and ticket followers: the routes for the OpenAPI document. */
const Started = z.object({
  ticketId: z.uuid(),
  number: z.number(),
  messageId: z.uuid(),
  contactId: z.uuid(),
  replayed: z.boolean(),
});
const Followers = z.object({
  items: z.array(z.object({ userId: z.uuid(), name: z.string() })),
  following: z.boolean(),
});
const Account = z.object({ id: z.uuid(), kind: z.string(), name: z.string(), teamId: z.uuid().nullable() });
const Recipient = z.object({
  contactId: z.uuid(),
  name: z.string().nullable(),
  kind: z.string(),
  address: z.string(),
});

const base = { tag: 'tickets', auth: 'bearer' } as const;

export const CONVERSATION_START_ROUTES: ApiRoute[] = [
  {
    ...base,
    method: 'post',
    path: '/api/tickets',
    summary:
      'Start a conversation: opens a ticket for a contact or a new address and sends the first message on the channel account (email with subject and Cc/Bcc, SMS, WhatsApp with a template outside the 24-hour window, Telegram and API only to people who wrote before: else 400 saying why). An Idempotency-Key header makes a retry answer the same ticket (replayed: true). An account of another team is a 404',
    body: c.StartConversationBody,
    reply: { status: 201, json: Started },
  },
  {
    ...base,
    method: 'get',
    path: '/api/conversations/accounts',
    summary: 'The channel accounts the caller may start conversations on',
    reply: { status: 200, json: z.object({ items: z.array(Account) }) },
  },
  {
    ...base,
    method: 'get',
    path: '/api/conversations/recipients',
    summary:
      'Addresses of contacts the caller may write to, by name or address prefix (q, at least 2 characters)',
    query: z.object({ q: z.string() }),
    reply: { status: 200, json: z.object({ items: z.array(Recipient) }) },
  },
  {
    ...base,
    method: 'get',
    path: '/api/tickets/{id}/followers',
    summary: "The ticket's followers and whether the caller is one",
    reply: { status: 200, json: Followers },
  },
  {
    ...base,
    method: 'post',
    path: '/api/tickets/{id}/followers',
    summary: 'Follow the ticket (oneself): its changes reach the caller as notifications',
    reply: { status: 200, json: Followers },
  },
  {
    ...base,
    method: 'delete',
    path: '/api/tickets/{id}/followers',
    summary: 'Stop following the ticket (oneself)',
    reply: { status: 200, json: Followers },
  },
];
