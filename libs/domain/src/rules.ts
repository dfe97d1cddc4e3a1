import { customFieldKeyOf, matchesCustomFieldCondition } from './custom-field-conditions.js';
import { PRIORITIES } from './vocabulary.js';

/**
 * Automation rule conditions, evaluated without I/O: the facts of a ticket at an event, and for
 * `ticket.updated` the values the changed fields had before.
 */
export interface RuleFacts {
  status: string;
  priority: string;
  channel: string;
  channelAccountId: string;
  teamId: string | null;
  assigneeId: string | null;
  tags: string[];
  /** The contact's tags, lower case. */
  'contact.tags': string[];
  subject: string;
  /** The text of the message the event is about ('' when there is none). */
  body: string;
  /** The sender's address of that message (email address, phone number, handle). */
  from: string;
  /** Whether the ticket's business calendar (its SLA policy's) is open at the moment of the run. */
  businessHours: 'open' | 'closed';
  /** The ticket's custom field values by key, for `customFields.<key>` conditions. */
  customFields?: Readonly<Record<string, unknown>>;
}

export type RuleFactValue = RuleFacts[keyof Omit<RuleFacts, 'customFields'>];

export interface RuleConditionInput {
  field: string;
  op: string;
  value?: string | string[] | null;
}

export interface RuleConditionsInput {
  all?: RuleConditionInput[];
  any?: RuleConditionInput[];
}

/** Every `all` condition holds and, when there are `any` conditions, at least one of them. */
export function matchesConditions(
  conditions: RuleConditionsInput,
  facts: RuleFacts,
  before: Partial<RuleFacts> | null,
): boolean {
  const all = conditions.all ?? [];
  const any = conditions.any ?? [];
  return (
    all.every((c) => matchesCondition(c, facts, before)) &&
    (any.length === 0 || any.some((c) => matchesCondition(c, facts, before)))
  );
}

export function matchesCondition(
  c: RuleConditionInput,
  facts: RuleFacts,
  before: Partial<RuleFacts> | null,
): boolean {
  const customKey = customFieldKeyOf(c.field);
  if (customKey !== null)
    return matchesCustomFieldCondition(customKey, c.op, valuesOf(c), facts.customFields ?? {});
  const field = c.field as keyof Omit<RuleFacts, 'customFields'>;
  const now = facts[field];
  const values = c.value === undefined ? [] : Array.isArray(c.value) ? c.value : [c.value];
  const was = before && field in before ? before[field] : undefined;
  const changed = was !== undefined && !sameValue(was, now);
  switch (c.op) {
    case 'is':
      return isOneOf(now, values);
    case 'is_not':
      return !isOneOf(now, values);
    case 'contains':
      return contains(now, values);
    case 'not_contains':
      return !contains(now, values);
    case 'changed':
      return changed;
    case 'changed_to':
      return changed && isOneOf(now, values);
    case 'changed_from':
      return changed && isOneOf(was!, values);
    case 'lt':
      return compareRank(now, values[0]) < 0;
    case 'gt':
      return compareRank(now, values[0]) > 0;
    default:
      return false;
  }
}

function valuesOf(c: RuleConditionInput): Array<string | null> {
  return c.value === undefined ? [] : Array.isArray(c.value) ? c.value : [c.value];
}

/** A tag list "is" a tag when it holds it; other fields equal one of the values (null = none). */
function isOneOf(now: RuleFactValue, values: Array<string | null>): boolean {
  if (Array.isArray(now)) return values.some((v) => v !== null && now.includes(v.toLowerCase()));
  return values.some((v) => v === now);
}

/** Text contains any of the values, case-insensitively; a tag list holds any of them. */
function contains(now: RuleFactValue, values: Array<string | null>): boolean {
  const wanted = values.filter((v): v is string => !!v).map((v) => v.toLowerCase());
  if (Array.isArray(now)) return wanted.some((v) => now.includes(v));
  const text = (now ?? '').toLowerCase();
  return wanted.some((v) => text.includes(v));
}

function sameValue(a: RuleFactValue, b: RuleFactValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x) => b.includes(x));
  return a === b;
}

/** Priorities compare by urgency (low < normal < high < urgent). */
function compareRank(now: RuleFactValue, value: string | null | undefined): number {
  const rank = (v: unknown) => PRIORITIES.indexOf(v as (typeof PRIORITIES)[number]);
  return rank(now) - rank(value);
}

/**
 * Fills `{{ticket.number}}`, `{{contact.first_name}}` and the like from `vars`; an unknown
 * variable renders empty rather than leaking the braces to a customer.
 */
export function renderRuleTemplate(
  template: string,
  vars: Record<string, string | number | null | undefined>,
): string {
  return template.replace(/\{\{\s*([a-z_.]+)\s*\}\}/gi, (_, name: string) =>
    String(vars[name.toLowerCase()] ?? ''),
  );
}
