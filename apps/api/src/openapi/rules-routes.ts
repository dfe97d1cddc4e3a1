import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Automation rules (admins): the routes for the OpenAPI document. */
const Rule = z.object({
  id: z.uuid(),
  name: z.string(),
  trigger: z.enum(['event', 'time']),
  events: z.array(z.enum(c.RULE_EVENTS)).optional(),
  time: c.RuleTimeCondition.optional(),
  conditions: c.RuleConditions,
  actions: z.array(c.RuleAction),
  order: z.number(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const RuleRun = z.object({
  id: z.uuid(),
  ruleId: z.uuid(),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.number().nullable(),
  event: z.string(),
  outcome: z.enum(['applied', 'skipped', 'failed']),
  reason: z.string().nullable(),
  actions: z.array(z.unknown()),
  createdAt: z.string(),
});

const PreviewTicket = z.object({
  id: z.uuid(),
  number: z.number(),
  subject: z.string(),
  status: z.string(),
  priority: z.string(),
  channel: z.string(),
  teamId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  tags: z.array(z.string()),
});

const base = { tag: 'rules', auth: 'bearer' } as const;

export const RULE_ROUTES: ApiRoute[] = [
  {
    ...base,
    method: 'get',
    path: '/api/admin/rules',
    summary: 'The automation rules in the order they run (admins)',
    reply: { status: 200, json: z.object({ items: z.array(Rule) }) },
  },
  {
    ...base,
    method: 'post',
    path: '/api/admin/rules',
    summary:
      'Add a rule: on events or on time, conditions in all/any, actions run through the ticket writer (admins); 400 names an unknown field, operator or action',
    body: c.CreateRuleBody,
    reply: { status: 201, json: Rule },
  },
  {
    ...base,
    method: 'post',
    path: '/api/admin/rules/preview',
    summary:
      'Test conditions against the open tickets as they are now: the first 50 matches and how many matched among the most recently updated 5,000 (admins); 400 names an unknown field or operator',
    body: c.RulePreviewBody,
    reply: {
      status: 200,
      json: z.object({
        items: z.array(PreviewTicket),
        matched: z.number(),
        scanned: z.number(),
        complete: z.boolean(),
      }),
    },
  },
  {
    ...base,
    method: 'patch',
    path: '/api/admin/rules/{id}',
    summary: 'Change a rule; the result is checked again as a whole rule (admins)',
    body: c.PatchRuleBody,
    reply: { status: 200, json: Rule },
  },
  {
    ...base,
    method: 'delete',
    path: '/api/admin/rules/{id}',
    summary: 'Delete a rule; its run log goes with it (admins)',
    reply: { status: 204 },
  },
  {
    ...base,
    method: 'get',
    path: '/api/admin/rules/{id}/runs',
    summary: 'What the rule did, newest first: applied, skipped or failed with the reason (admins)',
    reply: { status: 200, json: z.object({ items: z.array(RuleRun) }) },
  },
];
