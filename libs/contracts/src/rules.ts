import { CHANNEL_KINDS, PRIORITIES, TICKET_STATUSES } from '@switchboard/domain/vocabulary';
import { z } from 'zod';

/** Automation rules: what an admin sends to `POST/PATCH /api/admin/rules`, and the views back. */

export const RULE_EVENTS = [
  'ticket.created',
  'message.received',
  'message.sent',
  'ticket.updated',
  'sla.warning',
  'sla.breached',
  'survey.received',
] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

export const RULE_CONDITION_FIELDS = [
  'status',
  'priority',
  'channel',
  'channelAccountId',
  'teamId',
  'assigneeId',
  'tags',
  'contact.tags',
  'subject',
  'body',
  'from',
  'businessHours',
] as const;
export type RuleConditionField = (typeof RULE_CONDITION_FIELDS)[number];

export const RULE_OPERATORS = [
  'is',
  'is_not',
  'contains',
  'not_contains',
  'changed',
  'changed_to',
  'changed_from',
  'lt',
  'gt',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** Fields whose change a `ticket.updated` event reports, so `changed*` operators make sense. */
const CHANGE_FIELDS = new Set(['status', 'priority', 'assigneeId', 'teamId', 'tags']);
const TEXT_FIELDS = new Set(['subject', 'body', 'from']);
const TAG_FIELDS = new Set(['tags', 'contact.tags']);
const ORDERED = new Set(['priority']);

/** The values a field can hold, where the product fixes them. */
const FIELD_VALUES: Record<string, readonly string[]> = {
  status: TICKET_STATUSES,
  priority: PRIORITIES,
  channel: CHANNEL_KINDS,
  // Whether the ticket's business calendar (its SLA policy's) is open when the rule runs.
  businessHours: ['open', 'closed'],
};

const conditionValue = z.union([z.string().max(1000), z.array(z.string().max(200)).max(100), z.null()]);

export const RuleCondition = z
  .strictObject({
    field: z.string().max(100),
    op: z.enum(RULE_OPERATORS),
    value: conditionValue.optional(),
  })
  .superRefine((c, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (c.field.startsWith('customFields.')) return issue('custom fields are not supported yet', 'field');
    if (!(RULE_CONDITION_FIELDS as readonly string[]).includes(c.field))
      return issue(`unknown condition field "${c.field}"`, 'field');
    if (c.op.startsWith('changed') && !CHANGE_FIELDS.has(c.field))
      return issue(`${c.op} works on status, priority, assigneeId, teamId or tags, not ${c.field}`, 'op');
    if ((c.op === 'lt' || c.op === 'gt') && !ORDERED.has(c.field))
      return issue(`${c.op} works on priority only, not ${c.field}`, 'op');
    if (
      (c.op === 'contains' || c.op === 'not_contains') &&
      !TEXT_FIELDS.has(c.field) &&
      !TAG_FIELDS.has(c.field)
    )
      return issue(`${c.op} works on subject, body, from, tags or contact.tags, not ${c.field}`, 'op');
    if (c.op === 'changed')
      return c.value === undefined ? undefined : issue('changed takes no value', 'value');
    if (c.value === undefined) return issue(`${c.op} needs a value`, 'value');
    const allowed = FIELD_VALUES[c.field];
    const values = Array.isArray(c.value) ? c.value : [c.value];
    if (allowed)
      for (const v of values)
        if (v === null || !allowed.includes(v))
          return issue(`${c.field} has no value "${String(v)}" (one of ${allowed.join(', ')})`, 'value');
  });
export type RuleCondition = z.infer<typeof RuleCondition>;

export const RuleConditions = z.strictObject({
  all: z.array(RuleCondition).max(50).optional(),
  any: z.array(RuleCondition).max(50).optional(),
});
export type RuleConditions = z.infer<typeof RuleConditions>;

const id = z.uuid('must be an id');
const tags = z.array(z.string().trim().min(1).max(100)).min(1).max(50);

/** Statuses a rule may set: any an agent could choose (a ticket never goes back to `new`). */
export const RULE_SETTABLE_STATUSES = TICKET_STATUSES.filter((s) => s !== 'new');

export const RuleAction = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('set_status'),
      status: z.enum(RULE_SETTABLE_STATUSES, {
        error: `must be one of ${RULE_SETTABLE_STATUSES.join(', ')} (a rule cannot make a ticket new)`,
      }),
    }),
    z.strictObject({ type: z.literal('set_priority'), priority: z.enum(PRIORITIES) }),
    z.strictObject({ type: z.literal('set_team'), teamId: id }),
    z
      .strictObject({
        type: z.literal('assign'),
        agentId: id.optional(),
        strategy: z.enum(['round_robin', 'balanced']).optional(),
      })
      .refine((a) => (a.agentId === undefined) !== (a.strategy === undefined), {
        message: 'assign takes either agentId or strategy',
      }),
    z.strictObject({ type: z.literal('add_tags'), tags }),
    z.strictObject({ type: z.literal('remove_tags'), tags }),
    z.strictObject({ type: z.literal('reply'), template: z.string().trim().min(1).max(10_000) }),
    z.strictObject({ type: z.literal('add_note'), body: z.string().trim().min(1).max(10_000) }),
    z.strictObject({
      type: z.literal('notify'),
      target: z.enum(['assignee', 'team', 'agent']),
      agentId: id.optional(),
      message: z.string().trim().min(1).max(1000),
    }),
    z.strictObject({ type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }) }),
    z.strictObject({ type: z.literal('solve') }),
  ],
  { error: (iss) => (iss.code === 'invalid_union' ? 'unknown action type' : undefined) },
);
export type RuleAction = z.infer<typeof RuleAction>;

/**
 * Time rules: hours since a moment of the ticket's life, in calendar hours, or with
 * `businessHours: true` in the open hours of the ticket's business calendar (its SLA policy's;
 * around the clock when it has none).
 */
export const RULE_TIME_SINCE = [
  'created',
  'last_customer_message',
  'last_agent_reply',
  'pending',
  'solved',
] as const;
export type RuleTimeSince = (typeof RULE_TIME_SINCE)[number];

export const RuleTimeCondition = z.strictObject({
  since: z.enum(RULE_TIME_SINCE),
  hours: z
    .number()
    .positive('must be more than 0')
    .max(24 * 365),
  businessHours: z.boolean().optional(),
});
export type RuleTimeCondition = z.infer<typeof RuleTimeCondition>;

const ruleFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200),
  trigger: z.enum(['event', 'time']),
  events: z.array(z.enum(RULE_EVENTS)).min(1).max(RULE_EVENTS.length).optional(),
  time: RuleTimeCondition.optional(),
  conditions: RuleConditions.default({}),
  actions: z.array(RuleAction).min(1, 'a rule needs at least one action').max(20),
  order: z.number().int('must be a whole number').min(0).max(1_000_000).default(0),
  active: z.boolean().default(false),
};

function checkTrigger(
  rule: { trigger?: 'event' | 'time'; events?: unknown[]; time?: unknown; conditions?: RuleConditions },
  ctx: z.RefinementCtx,
) {
  if (rule.trigger === 'event' && !rule.events)
    ctx.addIssue({
      code: 'custom',
      path: ['events'],
      message: 'an event rule needs the events it reacts to',
    });
  if (rule.trigger === 'event' && rule.time)
    ctx.addIssue({ code: 'custom', path: ['time'], message: 'only a time rule has a time condition' });
  if (rule.trigger === 'time' && !rule.time)
    ctx.addIssue({ code: 'custom', path: ['time'], message: 'a time rule needs { since, hours }' });
  if (rule.trigger === 'time' && rule.events)
    ctx.addIssue({ code: 'custom', path: ['events'], message: 'a time rule reacts to no events' });
  const conds = [...(rule.conditions?.all ?? []), ...(rule.conditions?.any ?? [])];
  const reactsToUpdates = rule.events?.includes('ticket.updated');
  if (!reactsToUpdates && conds.some((c) => c.op.startsWith('changed')))
    ctx.addIssue({
      code: 'custom',
      path: ['conditions'],
      message: 'changed, changed_to and changed_from need the ticket.updated event',
    });
}

/** `POST /api/admin/rules`. */
export const CreateRuleBody = z.strictObject(ruleFields).superRefine(checkTrigger);
export type CreateRuleBody = z.infer<typeof CreateRuleBody>;

/** `PATCH /api/admin/rules/:id`: any of the fields; the merged rule is checked again. */
export const PatchRuleBody = z
  .strictObject({
    name: ruleFields.name.optional(),
    events: ruleFields.events,
    time: ruleFields.time,
    conditions: RuleConditions.optional(),
    actions: ruleFields.actions.optional(),
    order: z.number().int('must be a whole number').min(0).max(1_000_000).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type PatchRuleBody = z.infer<typeof PatchRuleBody>;

export interface RuleView {
  id: string;
  name: string;
  trigger: 'event' | 'time';
  events?: RuleEvent[];
  time?: RuleTimeCondition;
  conditions: RuleConditions;
  actions: RuleAction[];
  order: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RuleRunView {
  id: string;
  ruleId: string;
  ticketId: string | null;
  event: string;
  outcome: 'applied' | 'skipped' | 'failed';
  reason: string | null;
  actions: unknown[];
  createdAt: string;
}
