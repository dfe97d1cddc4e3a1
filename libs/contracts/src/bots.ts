import { z } from 'zod';

/**
 * Bots that answer a channel account's customers first and hand off to a team with what they
 * learned. A flow bot follows a small graph of steps an admin configures; an external bot is a
 * service that receives each customer message as a signed webhook and answers through the API; an
 * AI bot answers from the help articles through the configured AI assist endpoint.
 */

export const BOT_KINDS = ['flow', 'external', 'ai'] as const;
export type BotKind = (typeof BOT_KINDS)[number];

const stepId = z
  .string()
  .trim()
  .min(1, 'must not be blank')
  .max(60)
  .regex(/^[A-Za-z0-9_-]+$/, 'may hold letters, digits, _ and - only');
const text = z.string().trim().min(1, 'must not be blank').max(2000);
/** A key of what the bot collected (the answer to a question, a pressed button). */
const collectedKey = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold letters, digits and _ only');
const next = stepId.optional();

export const BotButtonOption = z.strictObject({
  label: z.string().trim().min(1, 'must not be blank').max(60),
  /** What the answer is when pressed (stored and branched on); the label when absent. */
  value: z.string().trim().min(1).max(60).optional(),
  /** The step this option leads to; the step's own `next` when absent. */
  next,
});

export const BotFlowStep = z.discriminatedUnion('type', [
  z.strictObject({ id: stepId, type: z.literal('send_text'), text, next }),
  z.strictObject({
    id: stepId,
    type: z.literal('buttons'),
    text,
    options: z.array(BotButtonOption).min(1, 'needs at least one option').max(10),
    saveAs: collectedKey.optional(),
    next,
  }),
  z.strictObject({
    id: stepId,
    type: z.literal('ask'),
    text,
    saveAs: collectedKey,
    /** Where the answer is also stored: a custom field of the ticket or of the contact. */
    store: z
      .strictObject({ on: z.enum(['ticket', 'contact']), field: z.string().trim().min(1).max(60) })
      .optional(),
    /** A regular expression the answer must match; the question is asked again otherwise. */
    pattern: z.string().min(1).max(200).optional(),
    retryText: text.optional(),
    next,
  }),
  z.strictObject({
    id: stepId,
    type: z.literal('search_kb'),
    /** Introduces the articles found. */
    text: text.optional(),
    /** Sent when nothing matches. */
    noResultsText: text.optional(),
    /** The collected answer to search for; the customer's latest message when absent. */
    query: collectedKey.optional(),
    locale: z.string().trim().min(2).max(10).optional(),
    next,
  }),
  z.strictObject({
    id: stepId,
    type: z.literal('branch'),
    /** The collected answer to look at. */
    on: collectedKey,
    cases: z
      .array(
        z.strictObject({
          equals: z.string().max(200).optional(),
          contains: z.string().min(1).max(200).optional(),
          next: stepId,
        }),
      )
      .min(1, 'needs at least one case')
      .max(20),
    otherwise: stepId,
  }),
  z.strictObject({
    id: stepId,
    type: z.literal('handoff'),
    /** The team that takes over; the bot's handoff team when absent. */
    teamId: z.uuid('must be a team id').optional(),
    text: text.optional(),
  }),
]);
export type BotFlowStep = z.infer<typeof BotFlowStep>;
export type BotFlowStepType = BotFlowStep['type'];
export const BOT_FLOW_STEP_TYPES = ['send_text', 'buttons', 'ask', 'search_kb', 'branch', 'handoff'] as const;

export const BotFlow = z.strictObject({
  start: stepId,
  steps: z.array(BotFlowStep).min(1, 'needs at least one step').max(100),
});
export type BotFlow = z.infer<typeof BotFlow>;

/** How an AI bot behaves: it answers only from help articles and hands off when they do not answer. */
export const BotAiSettings = z.strictObject({
  /** Answers the bot gives on one ticket before the next customer message goes to a person. */
  maxTurns: z.number().int().min(1).max(20).default(3),
  /** The admin's words to the model (tone, what the business is), added to the grounding rules. */
  instructions: z.string().trim().max(2000).default(''),
});
export type BotAiSettings = z.infer<typeof BotAiSettings>;

/** `POST /api/admin/bots`, `PUT /api/admin/bots/:id`. */
export const BotBody = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be blank').max(100),
    kind: z.enum(BOT_KINDS),
    channelAccountId: z.uuid('must be a channel account id'),
    active: z.boolean().default(true),
    /** The team a handoff goes to when the flow step or the bot's call names none. */
    handoffTeamId: z.uuid('must be a team id').nullable().optional(),
    flow: BotFlow.optional(),
    /** External bots: where each customer message is POSTed, signed. */
    webhookUrl: z
      .url('must be an http(s) URL')
      .max(2000)
      .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
      .optional(),
    /** AI bots: how many answers before a person takes over, and the admin's instructions (defaults when absent). */
    ai: BotAiSettings.optional(),
  })
  .superRefine((bot, ctx) => {
    if (bot.kind === 'flow' && !bot.flow)
      ctx.addIssue({ code: 'custom', path: ['flow'], message: 'a flow bot needs a flow' });
    if (bot.kind === 'external' && !bot.webhookUrl)
      ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'an external bot needs a webhook URL' });
  });
export type BotBody = z.infer<typeof BotBody>;

export interface BotView {
  id: string;
  name: string;
  kind: BotKind;
  channelAccountId: string;
  active: boolean;
  handoffTeamId: string | null;
  flow: BotFlow | null;
  webhookUrl: string | null;
  ai: BotAiSettings | null;
  createdAt: string;
  updatedAt: string;
}

/** Creating an external bot returns its webhook signing secret and its API token, once. */
export interface BotCreatedView extends BotView {
  signingSecret?: string;
  apiToken?: string;
}

/** `POST /api/tickets/:id/bot-reply`. */
export const BotReplyBody = z.strictObject({
  text: z.string().trim().min(1, 'must not be blank').max(4000),
  choices: z
    .array(
      z.strictObject({
        label: z.string().trim().min(1).max(60),
        value: z.string().trim().min(1).max(60),
      }),
    )
    .max(10)
    .optional(),
});
export type BotReplyBody = z.infer<typeof BotReplyBody>;

/** `POST /api/tickets/:id/handoff`. */
export const BotHandoffBody = z.strictObject({
  teamId: z.uuid('must be a team id').optional(),
  summary: z.string().trim().min(1, 'must not be blank').max(4000),
  collected: z.record(z.string().min(1).max(60), z.string().max(500)).default({}),
});
export type BotHandoffBody = z.infer<typeof BotHandoffBody>;
