import { customFieldKeyOf, invalid } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import { fieldDefinitions } from './custom-field-store.js';

/** A custom field a condition names: `name` as the 400 spells it, `key` the field's key. */
interface NamedField {
  name: string;
  key: string;
}

/**
 * A rule or SLA policy that names a ticket custom field must name one that exists: a typo would
 * otherwise be a condition that silently never holds. A 400 naming the condition's field.
 */
export async function requireKnownTicketFields(sql: Sql, named: readonly NamedField[]): Promise<void> {
  if (named.length === 0) return;
  const known = new Set((await fieldDefinitions(sql, 'ticket')).map((d) => d.key));
  const unknown = named.find((n) => !known.has(n.key));
  if (unknown) throw invalid(`${unknown.name}: no ticket custom field has this key`);
}

/** The `customFields.<key>` fields a rule's conditions name. */
export function ruleCustomFields(
  conditions: { all?: { field: string }[]; any?: { field: string }[] } | undefined,
): NamedField[] {
  return [...(conditions?.all ?? []), ...(conditions?.any ?? [])].flatMap((c) => {
    const key = customFieldKeyOf(c.field);
    return key === null ? [] : [{ name: c.field, key }];
  });
}

/** The custom fields an SLA policy's conditions name. */
export function policyCustomFields(
  conditions: { customFields?: Record<string, unknown> } | undefined,
): NamedField[] {
  return Object.keys(conditions?.customFields ?? {}).map((key) => ({
    name: `conditions.customFields.${key}`,
    key,
  }));
}
