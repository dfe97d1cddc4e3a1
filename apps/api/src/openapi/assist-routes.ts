import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** AI assist: the admin's endpoint configuration and call log, and the on-demand help on a ticket. */
const Settings = z.object({
  enabled: z.boolean(),
  baseUrl: z.string().nullable(),
  model: z.string().nullable(),
  apiKeySet: z.boolean().describe('whether a key is stored; the key itself is never returned'),
  maskPersonalData: z.boolean(),
  disabledTeamIds: z.array(z.uuid()),
  timeoutSeconds: z.number(),
  acknowledgementArticles: z.boolean(),
  linkBaseUrl: z.string().nullable(),
});
const Article = z.object({ id: z.uuid(), title: z.string(), url: z.string() });
const Call = z.object({
  id: z.uuid(),
  user: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  bot: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('the AI bot that made the call'),
  ticket: z.object({ id: z.uuid(), number: z.number() }).nullable(),
  purpose: z.enum(c.ASSIST_PURPOSES),
  model: z.string(),
  outcome: z.enum(['ok', 'failed']),
  error: z.string().nullable(),
  promptTokens: z.number().nullable(),
  completionTokens: z.number().nullable(),
  durationMs: z.number(),
  createdAt: z.string(),
});
const assist = { tag: 'ai-assist', auth: 'bearer' } as const;
const errors =
  '409 while assist is off (or nothing to work on), 403 when the ticket’s team has it turned off, 502 with the reason when the provider fails or times out';

export const ASSIST_ROUTES: ApiRoute[] = [
  {
    ...assist,
    method: 'get',
    path: '/api/admin/assist-settings',
    summary: 'AI assist settings (admins); the API key is never returned',
    reply: { status: 200, json: Settings },
  },
  {
    ...assist,
    method: 'put',
    path: '/api/admin/assist-settings',
    summary:
      'Replace the AI assist settings (admins): an OpenAI-compatible endpoint, model and write-only key, personal-data masking, teams without assist, help articles in acknowledgements',
    body: c.AssistSettingsBody,
    reply: { status: 200, json: Settings },
  },
  {
    ...assist,
    method: 'get',
    path: '/api/admin/assist-calls',
    summary: 'Every request that went to the AI provider, newest first: who, which ticket, tokens (admins)',
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }),
    reply: {
      status: 200,
      json: z.object({
        items: z.array(Call),
        totals: z.object({ calls: z.number(), promptTokens: z.number(), completionTokens: z.number() }),
      }),
    },
  },
  {
    ...assist,
    method: 'get',
    path: '/api/assist/status',
    summary: 'Whether AI assist is on, and for which teams it is off (for showing its buttons)',
    reply: { status: 200, json: z.object({ enabled: z.boolean(), disabledTeamIds: z.array(z.uuid()) }) },
  },
  {
    ...assist,
    method: 'post',
    path: '/api/tickets/{id}/assist/summary',
    summary: `A summary of the ticket's conversation for a transfer or hold note; nothing is stored or sent. ${errors}`,
    reply: {
      status: 200,
      json: z.object({
        text: z.string(),
        parts: z.object({ customerWants: z.string(), tried: z.string(), next: z.string() }).nullable(),
      }),
    },
  },
  {
    ...assist,
    method: 'post',
    path: '/api/tickets/{id}/assist/reply',
    summary: `A suggested reply to the customer's last message, grounded in the help articles it cites; nothing is sent. ${errors}`,
    reply: { status: 200, json: z.object({ text: z.string(), citedArticles: z.array(Article) }) },
  },
];
