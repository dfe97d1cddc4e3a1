import { z } from 'zod';

const httpUrl = z
  .string()
  .trim()
  .max(500, 'must be at most 500 characters')
  .regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL');

/**
 * `PUT /api/admin/assist-settings`: the whole AI assist configuration. `apiKey` is write-only:
 * a string replaces the stored key, null removes it, leaving it out keeps it.
 */
export const AssistSettingsBody = z
  .strictObject({
    enabled: z.boolean(),
    /** An OpenAI-compatible API root, e.g. https://api.openai.com/v1 or http://ollama:11434/v1. */
    baseUrl: httpUrl.nullable(),
    model: z.string().trim().min(1, 'must not be empty').max(200).nullable(),
    apiKey: z.string().trim().min(1, 'must not be empty').max(1000).nullable().optional(),
    maskPersonalData: z.boolean(),
    disabledTeamIds: z.array(z.uuid('must be team ids')).max(500).default([]),
    timeoutSeconds: z.number().int().min(1).max(300).default(30),
    /** Acknowledgement mails list up to three published articles matching the customer's question. */
    acknowledgementArticles: z.boolean().default(false),
    /** Where the help center is reached from outside; the request's address when left out. */
    linkBaseUrl: httpUrl.nullable().optional(),
  })
  .refine((s) => !s.enabled || (s.baseUrl && s.model), {
    message: 'baseUrl: an endpoint and a model are needed to enable AI assist',
    path: ['baseUrl'],
  });
export type AssistSettingsBody = z.infer<typeof AssistSettingsBody>;

/** The settings as admins read them: never the key, only whether one is stored. */
export interface AssistSettingsView {
  enabled: boolean;
  baseUrl: string | null;
  model: string | null;
  apiKeySet: boolean;
  maskPersonalData: boolean;
  disabledTeamIds: string[];
  timeoutSeconds: number;
  acknowledgementArticles: boolean;
  linkBaseUrl: string | null;
}

/** What the console needs to show or hide the assist buttons, for every signed-in agent. */
export interface AssistStatusView {
  enabled: boolean;
  disabledTeamIds: string[];
}

/** A summary split the way handoff and hold notes are written; a part the model left out is empty. */
export interface AssistSummaryParts {
  customerWants: string;
  tried: string;
  next: string;
}

export interface AssistSummaryView {
  text: string;
  /** Null when the provider did not answer in the labelled lines it was asked for. */
  parts: AssistSummaryParts | null;
}

export interface AssistCitedArticle {
  id: string;
  title: string;
  url: string;
}

export interface AssistReplyView {
  text: string;
  citedArticles: AssistCitedArticle[];
}

/** `bot_reply`: an AI bot's answer to a customer; an AI bot's handoff summary is a `summary`. */
export const ASSIST_PURPOSES = ['summary', 'reply', 'bot_reply'] as const;
export type AssistPurpose = (typeof ASSIST_PURPOSES)[number];

/** One request that left for the provider, asked for by an agent (`user`) or an AI bot (`bot`). */
export interface AssistCallView {
  id: string;
  user: { id: string; name: string } | null;
  bot: { id: string; name: string } | null;
  ticket: { id: string; number: number } | null;
  purpose: AssistPurpose;
  model: string;
  outcome: 'ok' | 'failed';
  error: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  durationMs: number;
  createdAt: string;
}
