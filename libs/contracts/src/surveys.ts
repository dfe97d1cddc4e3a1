import { z } from 'zod';

const question = z.string().trim().min(1, 'must not be blank').max(500);
const channelKind = z.string().trim().min(1).max(40);

export const SURVEY_KINDS = ['csat', 'ces', 'nps'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** The score range of each kind: CSAT 1–5, CES 1–7, NPS 0–10. */
export const SURVEY_SCALES: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  nps: { min: 0, max: 10 },
};

export const CsatSettings = z.strictObject({
  enabled: z.boolean(),
  /** Seconds after the solve before the survey goes out; a reopen in between cancels it. */
  delaySeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600),
  question: question.optional(),
  /** Channel kinds that get it (email, sms, whatsapp, …); absent = all. */
  channelKinds: z.array(channelKind).max(20).optional(),
});

export const CesSettings = z.strictObject({
  enabled: z.boolean(),
  question: question.optional(),
  /** `after_csat`: asked once a CSAT answer came in; `instead`: sent in place of CSAT. */
  mode: z.enum(['after_csat', 'instead']).optional(),
});

export const NpsSettings = z.strictObject({
  enabled: z.boolean(),
  minDaysBetween: z.number().int().min(1).max(3650),
  afterSolvedTickets: z.number().int().min(1).max(10_000),
  question: question.optional(),
});

/** What one language says; anything left out falls back to the workspace language, then English. */
export const SurveyTexts = z.strictObject({
  csatQuestion: question.optional(),
  cesQuestion: question.optional(),
  npsQuestion: question.optional(),
  thanks: question.optional(),
});

export const SurveyAccountOverride = z.strictObject({
  channelAccountId: z.uuid('must be a channel account id'),
  csat: CsatSettings.partial().optional(),
  ces: CesSettings.partial().optional(),
  nps: NpsSettings.partial().optional(),
});

/** `PUT /api/admin/survey-settings`: the whole settings document. */
export const SurveySettingsBody = z.strictObject({
  csat: CsatSettings,
  ces: CesSettings,
  nps: NpsSettings,
  /** The workspace's language: texts for contacts without one of their own. */
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'must be a language code like "en" or "de"')
    .optional(),
  texts: z
    .record(z.string().regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'must be a language code'), SurveyTexts)
    .optional(),
  overrides: z.array(SurveyAccountOverride).max(500).optional(),
  /** Where customers reach the hosted survey page; defaults to the address the admin saved from. */
  linkBaseUrl: z.url('must be an http(s) URL').max(300).optional(),
});
export type SurveySettingsBody = z.infer<typeof SurveySettingsBody>;
export type SurveySettingsView = Omit<SurveySettingsBody, 'linkBaseUrl'> & {
  language: string;
  linkBaseUrl: string | null;
};

/** `POST /s/:token`: the customer's answer on the hosted page. */
export const SurveyAnswerBody = z.object({
  score: z.coerce.number().int('must be a whole number'),
  comment: z.string().trim().max(2000).optional(),
  /** The follow-up question on the same link (CES after a CSAT answer); the link's own question when absent. */
  kind: z.enum(SURVEY_KINDS).optional(),
  /** When the page names the ticket it was made for, it must be the token's ticket. */
  ticketId: z.string().optional(),
});

/** A recorded answer as agents see it (ticket header, timeline, contact page). */
export interface SurveyResponseView {
  id: string;
  ticketId: string;
  ticketNumber: number;
  kind: SurveyKind;
  score: number;
  comment: string | null;
  channel: string;
  /** The agent who solved the ticket, when the answer came. */
  agent: { id: string; name: string } | null;
  answeredAt: string;
}
