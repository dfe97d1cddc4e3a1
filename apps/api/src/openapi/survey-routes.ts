import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Satisfaction surveys: the admin's settings and a ticket's answers (the customer's page at /s/{token} is not API). */
const Settings = c.SurveySettingsBody.extend({ language: z.string(), linkBaseUrl: z.string().nullable() });
const Response = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.number(),
  kind: z.enum(c.SURVEY_KINDS),
  score: z.number(),
  comment: z.string().nullable(),
  channel: z.string(),
  agent: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  answeredAt: z.string(),
});

export const SURVEY_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/admin/survey-settings',
    tag: 'admin',
    auth: 'bearer',
    summary:
      'Survey settings (admins): CSAT, CES and NPS, per-channel-account overrides and texts per language',
    reply: { status: 200, json: Settings },
  },
  {
    method: 'put',
    path: '/api/admin/survey-settings',
    tag: 'admin',
    auth: 'bearer',
    summary:
      'Replace the survey settings (admins); links in survey mails use linkBaseUrl, else the address this request came to; 400 names a wrong field',
    body: c.SurveySettingsBody,
    reply: { status: 200, json: Settings },
  },
  {
    method: 'get',
    path: '/api/tickets/{id}/surveys',
    tag: 'tickets',
    auth: 'bearer',
    summary: "The ticket's survey answers, each attributed to the agent who solved it when the answer came",
    reply: { status: 200, json: z.object({ items: z.array(Response) }) },
  },
];
