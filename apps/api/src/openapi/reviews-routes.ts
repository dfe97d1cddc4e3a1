import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Satisfaction and lessons reports, review flags, the review queue and coaching notes: the routes for the OpenAPI document. */
const Figures = {
  csat: z.object({
    answered: z.number(),
    satisfied: z.number(),
    satisfiedShare: z.number().nullable(),
    responseRate: z.number().nullable(),
  }),
  nps: z.object({
    answered: z.number(),
    promoters: z.number(),
    detractors: z.number(),
    score: z.number().nullable(),
  }),
  ces: z.object({ answered: z.number(), average: z.number().nullable() }),
};
const Range = z.object({ from: z.string(), to: z.string() });
const SatisfactionReport = z.object({
  range: Range,
  groupBy: z.enum(['team', 'agent', 'channel', 'day']),
  ...Figures,
  groups: z.array(z.object({ key: z.string(), label: z.string(), ...Figures })),
});
const SurveyResponses = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      ticketId: z.uuid(),
      ticketNumber: z.number(),
      kind: z.string(),
      score: z.number(),
      comment: z.string().nullable(),
      channel: z.string(),
      answeredAt: z.string(),
      agentId: z.uuid().nullable(),
      agentName: z.string().nullable(),
      teamName: z.string().nullable(),
    }),
  ),
});
const Lessons = z.object({
  range: Range,
  bucket: z.enum(['week', 'month']),
  rows: z.array(
    z.object({
      period: z.string(),
      teamId: z.uuid().nullable(),
      teamName: z.string().nullable(),
      category: z.enum(c.REVIEW_CATEGORIES),
      count: z.number(),
      tickets: z.array(z.object({ id: z.uuid(), number: z.number(), url: z.string() })),
    }),
  ),
});
const Review = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.number(),
  ticketSubject: z.string(),
  status: z.enum(['open', 'done']),
  agentId: z.uuid().nullable(),
  agentName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  flags: z.array(
    z.object({
      id: z.uuid(),
      source: z.enum(c.REVIEW_FLAG_SOURCES),
      reason: z.string(),
      createdBy: z.uuid().nullable(),
      createdAt: z.string(),
    }),
  ),
  categories: z.array(z.enum(c.REVIEW_CATEGORIES)),
  whatWentWrong: z.string().nullable(),
  betterNextTime: z.string().nullable(),
  coachingNote: z.string().nullable(),
  outcome: z.enum(c.REVIEW_OUTCOMES).nullable(),
  reviewerId: z.uuid().nullable(),
  reviewedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  createdAt: z.string(),
});
const CoachingNote = z.object({
  reviewId: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.number(),
  ticketSubject: z.string(),
  coachingNote: z.string(),
  categories: z.array(z.enum(c.REVIEW_CATEGORIES)),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
const TrainingExport = z.object({
  items: z.array(
    z.object({
      reviewId: z.uuid(),
      ticketNumber: z.number(),
      channel: z.string(),
      subject: z.string().nullable(),
      categories: z.array(z.enum(c.REVIEW_CATEGORIES)),
      whatWentWrong: z.string().nullable(),
      betterNextTime: z.string().nullable(),
      outcome: z.enum(c.REVIEW_OUTCOMES).nullable(),
      conversation: z.array(
        z.object({
          from: z.enum(['customer', 'agent', 'internal']),
          kind: z.string(),
          text: z.string().nullable(),
          at: z.string(),
        }),
      ),
    }),
  ),
});

const bearer = { auth: 'bearer' } as const;

export const REVIEW_ROUTES: ApiRoute[] = [
  {
    ...bearer,
    tag: 'reports',
    method: 'get',
    path: '/api/reports/satisfaction',
    summary:
      'CSAT satisfied share (4–5 of answers) and response rate (solved tickets answered), NPS (promoters − detractors), CES average, in total and per team, agent, channel or day (supervisors); CSV with format=csv',
    query: c.SatisfactionQuery,
    reply: { status: 200, json: SatisfactionReport, alsoCsv: true },
  },
  {
    ...bearer,
    tag: 'reports',
    method: 'get',
    path: '/api/reports/satisfaction/responses',
    summary: 'The raw survey answers with comments, ticket and agent (supervisors); CSV with format=csv',
    query: c.SurveyResponsesQuery,
    reply: { status: 200, json: SurveyResponses, alsoCsv: true },
  },
  {
    ...bearer,
    tag: 'reports',
    method: 'get',
    path: '/api/reports/lessons',
    summary:
      'Review categories per week or month and team, with links to the reviewed tickets (supervisors); CSV with format=csv',
    query: c.LessonsQuery,
    reply: { status: 200, json: Lessons, alsoCsv: true },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'post',
    path: '/api/tickets/{id}/review-flags',
    summary:
      'Flag a ticket for review with a reason (anyone who can see it); flags gather on the ticket’s open review',
    body: c.ReviewFlagBody,
    reply: { status: 201, json: Review },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'get',
    path: '/api/reviews',
    summary: 'The review queue: open (oldest first) or done reviews with their flags (supervisors)',
    query: c.ReviewListQuery,
    reply: { status: 200, json: z.object({ items: z.array(Review) }) },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'get',
    path: '/api/reviews/coaching',
    summary: 'The coaching notes written for the signed-in agent, unacknowledged first',
    reply: { status: 200, json: z.object({ items: z.array(CoachingNote), unacknowledged: z.number() }) },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'get',
    path: '/api/reviews/training-export',
    summary:
      'Completed reviews with their conversation, the customer’s personal data masked (supervisors); JSON lines with format=jsonl',
    query: c.TrainingExportQuery,
    reply: { status: 200, json: TrainingExport },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'get',
    path: '/api/reviews/{id}',
    summary: 'One review (supervisors; the agent it is about once it is completed)',
    reply: { status: 200, json: Review },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'post',
    path: '/api/reviews/{id}',
    summary:
      'Complete a review: categories, what went wrong, what we would do better, a coaching note, an outcome (supervisors); 409 once completed',
    body: c.CompleteReviewBody,
    reply: { status: 200, json: Review },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'post',
    path: '/api/reviews/{id}/acknowledge',
    summary: 'The agent a coaching note is for acknowledges it',
    reply: { status: 200, json: CoachingNote },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'get',
    path: '/api/admin/review-settings',
    summary: 'Which automatic review flags are on, with their thresholds (supervisors)',
    reply: { status: 200, json: c.ReviewAutoFlags },
  },
  {
    ...bearer,
    tag: 'reviews',
    method: 'put',
    path: '/api/admin/review-settings',
    summary:
      'Turn automatic review flags on or off and set thresholds: CSAT ≤ n, NPS detractor, CES ≥ n, SLA breach, reopened n times, transferred n times (admins)',
    body: c.ReviewAutoFlags,
    reply: { status: 200, json: c.ReviewAutoFlags },
  },
];
