import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Bots on channel accounts: admins configure them; an external bot answers and hands off with its API token; an AI bot answers through AI assist. */
const Bot = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(c.BOT_KINDS),
  channelAccountId: z.uuid(),
  active: z.boolean(),
  handoffTeamId: z.uuid().nullable(),
  flow: c.BotFlow.nullable(),
  webhookUrl: z.string().nullable(),
  ai: c.BotAiSettings.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const BotCreated = Bot.extend({
  signingSecret: z.string().optional().describe('external bots: the webhook signing secret, shown once'),
  apiToken: z.string().optional().describe('external bots: the API token it answers with, shown once'),
});

export const BOT_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/admin/bots',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Bots (admins)',
    reply: { status: 200, json: z.object({ items: z.array(Bot) }) },
  },
  {
    method: 'get',
    path: '/api/admin/bots/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary: 'One bot (admins)',
    reply: { status: 200, json: Bot },
  },
  {
    method: 'post',
    path: '/api/admin/bots',
    tag: 'admin',
    auth: 'bearer',
    summary:
      'Attach a bot to a channel account (admins); a flow with a loop or a missing step is a 400 with the reason, a second active bot on the account a 409',
    body: c.BotBody,
    reply: { status: 201, json: BotCreated },
  },
  {
    method: 'put',
    path: '/api/admin/bots/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Replace a bot (admins); the flow is checked like on creation',
    body: c.BotBody,
    reply: { status: 200, json: BotCreated },
  },
  {
    method: 'delete',
    path: '/api/admin/bots/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Delete a bot (admins); 409 while it still holds tickets',
    reply: { status: 204 },
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/bot-reply',
    tag: 'tickets',
    auth: 'bearer',
    summary:
      "An external bot's answer to the customer, with its own API token; 409 when the bot no longer holds the ticket",
    body: c.BotReplyBody,
    reply: { status: 201, json: c.MessageView },
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/handoff',
    tag: 'tickets',
    auth: 'bearer',
    summary:
      'An external bot hands the ticket to a team (its own API token): the handoff card carries the summary and what was collected; the SLA clocks start now',
    body: c.BotHandoffBody,
    reply: { status: 200, json: c.TicketView },
  },
];
