import {
  CHANNEL_KINDS,
  PRIORITIES,
  RULE_SETTABLE_STATUSES,
  TICKET_STATUSES,
  type RuleAction,
  type RuleCondition,
} from '@switchboard/contracts';

/**
 * What the builders offer, mirroring what the API accepts (libs/contracts rules.ts): fields the
 * product has data for, and per field only the operators that make sense, so an admin cannot
 * build a condition the server refuses.
 */
export const CONDITION_FIELDS = [
  'body',
  'subject',
  'from',
  'tags',
  'status',
  'priority',
  'channel',
  'channelAccountId',
  'teamId',
  'assigneeId',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
export type ConditionOp = RuleCondition['op'];

const TEXT: ConditionOp[] = ['contains', 'not_contains', 'is', 'is_not'];
const CHANGES: ConditionOp[] = ['changed', 'changed_to', 'changed_from'];

const OPERATORS: Record<ConditionField, ConditionOp[]> = {
  body: TEXT,
  subject: TEXT,
  from: TEXT,
  tags: ['contains', 'not_contains', ...CHANGES],
  status: ['is', 'is_not', ...CHANGES],
  priority: ['is', 'is_not', 'lt', 'gt', ...CHANGES],
  channel: ['is', 'is_not'],
  channelAccountId: ['is', 'is_not'],
  teamId: ['is', 'is_not', ...CHANGES],
  assigneeId: ['is', 'is_not', ...CHANGES],
};

/** Operators of a field; the `changed*` ones only for rules that react to ticket updates. */
export function operatorsOf(field: ConditionField, allowChanges: boolean): ConditionOp[] {
  return OPERATORS[field].filter((op) => allowChanges || !op.startsWith('changed'));
}

/** Fields whose value is one of a fixed list (the rest take free text or an id from a picker). */
export const FIXED_VALUES: Partial<Record<ConditionField, readonly string[]>> = {
  status: TICKET_STATUSES,
  priority: PRIORITIES,
  channel: CHANNEL_KINDS,
};

export function isConditionField(field: string): field is ConditionField {
  return (CONDITION_FIELDS as readonly string[]).includes(field);
}

/** A new row of a field: its first operator and an empty value of the right kind. */
export function newCondition(field: ConditionField = 'body', allowChanges = false): RuleCondition {
  const op = operatorsOf(field, allowChanges)[0];
  return { field, op, value: FIXED_VALUES[field]?.[0] ?? '' };
}

/** Keeps a row valid when its field or operator changes: another operator, a value or none. */
export function withField(field: ConditionField, allowChanges: boolean): RuleCondition {
  return newCondition(field, allowChanges);
}

export function withOperator(c: RuleCondition, op: ConditionOp): RuleCondition {
  if (op === 'changed') return { field: c.field, op };
  const field = isConditionField(c.field) ? c.field : 'body';
  return { field: c.field, op, value: c.value ?? FIXED_VALUES[field]?.[0] ?? '' };
}

export const ACTION_TYPES = [
  'add_tags',
  'remove_tags',
  'assign',
  'set_team',
  'set_status',
  'set_priority',
  'add_note',
  'reply',
  'notify',
  'webhook',
  'solve',
] as const satisfies ReadonlyArray<RuleAction['type']>;
export type ActionType = (typeof ACTION_TYPES)[number];

export { RULE_SETTABLE_STATUSES };

/** A new action of a type, with the first choice filled where the choices are known. */
export function newAction(type: ActionType, choices: { teamId?: string; agentId?: string } = {}): RuleAction {
  switch (type) {
    case 'add_tags':
    case 'remove_tags':
      return { type, tags: [] };
    case 'assign':
      return choices.agentId ? { type, agentId: choices.agentId } : { type, strategy: 'round_robin' };
    case 'set_team':
      return { type, teamId: choices.teamId ?? '' };
    case 'set_status':
      return { type, status: RULE_SETTABLE_STATUSES[0] };
    case 'set_priority':
      return { type, priority: 'high' };
    case 'add_note':
      return { type, body: '' };
    case 'reply':
      return { type, template: '' };
    case 'notify':
      return { type, target: 'assignee', message: '' };
    case 'webhook':
      return { type, url: '' };
    case 'solve':
      return { type };
  }
}

/** Tags as typed in one field: "refund, vip" → ["refund", "vip"]. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}
