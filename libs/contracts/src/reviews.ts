import { z } from 'zod';

/** What went wrong in a reviewed case; the lessons report counts these over time. */
export const REVIEW_CATEGORIES = [
  'slow_response',
  'wrong_answer',
  'customer_repeated',
  'bad_handoff',
  'tone',
  'process_policy',
  'product_bug',
  'other',
] as const;
export type ReviewCategory = (typeof REVIEW_CATEGORIES)[number];

export const REVIEW_OUTCOMES = ['coached', 'process_changed', 'no_action', 'escalated'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Where a flag came from: a person, or one of the automatic rules. */
export const REVIEW_FLAG_SOURCES = [
  'manual',
  'csat_low',
  'nps_detractor',
  'ces_high',
  'sla_breach',
  'reopened',
  'transferred',
] as const;
export type ReviewFlagSource = (typeof REVIEW_FLAG_SOURCES)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be blank').max(max);

/** `POST /api/tickets/:id/review-flags`. */
export const ReviewFlagBody = z.strictObject({ reason: text(2_000) });
export type ReviewFlagBody = z.infer<typeof ReviewFlagBody>;

/** `POST /api/reviews/:id`: completes the review. */
export const CompleteReviewBody = z.strictObject({
  categories: z.array(z.enum(REVIEW_CATEGORIES)).min(1, 'must name at least one category').max(8),
  whatWentWrong: text(5_000),
  betterNextTime: text(5_000),
  coachingNote: text(5_000).nullable().optional(),
  outcome: z.enum(REVIEW_OUTCOMES),
});
export type CompleteReviewBody = z.infer<typeof CompleteReviewBody>;

export const ReviewListQuery = z.strictObject({
  status: z.enum(['open', 'done']).default('open'),
  teamId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReviewListQuery = z.infer<typeof ReviewListQuery>;

/** Which automatic flags are on, and their thresholds (`PUT /api/admin/review-settings`). */
export const ReviewAutoFlags = z.strictObject({
  csatLow: z.strictObject({ enabled: z.boolean(), maxScore: z.number().int().min(1).max(5) }),
  npsDetractor: z.strictObject({ enabled: z.boolean() }),
  cesHigh: z.strictObject({ enabled: z.boolean(), minScore: z.number().int().min(1).max(7) }),
  slaBreach: z.strictObject({ enabled: z.boolean() }),
  reopened: z.strictObject({ enabled: z.boolean(), minTimes: z.number().int().min(1).max(50) }),
  transferred: z.strictObject({ enabled: z.boolean(), minTimes: z.number().int().min(1).max(50) }),
});
export type ReviewAutoFlags = z.infer<typeof ReviewAutoFlags>;

export const DEFAULT_REVIEW_AUTO_FLAGS: ReviewAutoFlags = {
  csatLow: { enabled: true, maxScore: 2 },
  npsDetractor: { enabled: true },
  cesHigh: { enabled: true, minScore: 5 },
  slaBreach: { enabled: true },
  reopened: { enabled: true, minTimes: 2 },
  transferred: { enabled: true, minTimes: 3 },
};

const isoRange = {
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
};

/** `GET /api/reports/satisfaction`. */
export const SatisfactionQuery = z
  .strictObject({
    ...isoRange,
    groupBy: z.enum(['team', 'agent', 'channel', 'day']).default('day'),
    teamId: z.uuid().optional(),
    timeZone: z.string().trim().min(1).max(64).default('UTC'),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type SatisfactionQuery = z.infer<typeof SatisfactionQuery>;

/** `GET /api/reports/satisfaction/responses` (raw answers with comments, JSON or CSV). */
export const SurveyResponsesQuery = z
  .strictObject({
    ...isoRange,
    teamId: z.uuid().optional(),
    format: z.enum(['json', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type SurveyResponsesQuery = z.infer<typeof SurveyResponsesQuery>;

/** `GET /api/reports/lessons` and `GET /api/reviews/training-export`. */
export const LessonsQuery = z
  .strictObject({
    ...isoRange,
    teamId: z.uuid().optional(),
    bucket: z.enum(['week', 'month']).default('month'),
    timeZone: z.string().trim().min(1).max(64).default('UTC'),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type LessonsQuery = z.infer<typeof LessonsQuery>;

/** `GET /api/reviews/training-export`: JSON, or JSON lines (one case a line) to download with format=jsonl. */
export const TrainingExportQuery = z
  .strictObject({
    ...isoRange,
    teamId: z.uuid().optional(),
    format: z.enum(['json', 'jsonl']).default('json'),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type TrainingExportQuery = z.infer<typeof TrainingExportQuery>;

export interface SatisfactionFigures {
  csat: { answered: number; satisfied: number; satisfiedShare: number | null; responseRate: number | null };
  nps: { answered: number; promoters: number; detractors: number; score: number | null };
  ces: { answered: number; average: number | null };
}

export interface SatisfactionReport extends SatisfactionFigures {
  range: { from: string; to: string };
  groupBy: SatisfactionQuery['groupBy'];
  groups: Array<SatisfactionFigures & { key: string; label: string }>;
}

export interface ReviewFlagView {
  id: string;
  source: ReviewFlagSource;
  reason: string;
  createdBy: string | null;
  createdAt: string;
}

export interface ReviewView {
  id: string;
  ticketId: string;
  ticketNumber: number;
  ticketSubject: string;
  status: 'open' | 'done';
  agentId: string | null;
  agentName: string | null;
  teamId: string | null;
  teamName: string | null;
  flags: ReviewFlagView[];
  categories: ReviewCategory[];
  whatWentWrong: string | null;
  betterNextTime: string | null;
  coachingNote: string | null;
  outcome: ReviewOutcome | null;
  reviewerId: string | null;
  reviewedAt: string | null;
  acknowledgedAt: string | null;
  createdAt: string;
}

/** A coaching note as its agent sees it. */
export interface CoachingNoteView {
  reviewId: string;
  ticketId: string;
  ticketNumber: number;
  ticketSubject: string;
  coachingNote: string;
  categories: ReviewCategory[];
  reviewerName: string | null;
  reviewedAt: string;
  acknowledgedAt: string | null;
}
