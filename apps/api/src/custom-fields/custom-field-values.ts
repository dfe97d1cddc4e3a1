import type { CustomFieldEntity, CustomFieldValue, CustomFieldView } from '@switchboard/contracts';
import { invalid } from '@switchboard/domain';

/**
 * Values of custom fields checked against their definitions, without I/O: what a PATCH may
 * store, what solving needs, and what a queue filter (`cf.<key>=value`) looks for.
 */

export type FieldDefinition = Pick<CustomFieldView, 'key' | 'label' | 'type' | 'options' | 'requiredToSolve'>;

const MAX_TEXT = 2_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Why `value` does not fit `field`, or the value to store (null: clear the field). */
function checkValue(
  field: FieldDefinition,
  value: unknown,
): { value: CustomFieldValue | null } | { problem: string } {
  if (value === null) return { value: null };
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return { problem: 'must be text' };
      if (value.length > MAX_TEXT) return { problem: `must be at most ${MAX_TEXT} characters` };
      return { value: value.trim() === '' ? null : value.trim() };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: 'must be a number' };
      return { value };
    case 'checkbox':
      if (typeof value !== 'boolean') return { problem: 'must be true or false' };
      return { value };
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value))
        return { problem: 'must be a date as YYYY-MM-DD' };
      return { value };
    case 'select':
      if (typeof value !== 'string' || !field.options.includes(value))
        return { problem: `must be one of ${field.options.join(', ')}` };
      return { value };
    case 'multiselect': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return { problem: 'must be a list of options' };
      const unknown = value.find((v) => !field.options.includes(v as string));
      if (unknown !== undefined)
        return { problem: `"${String(unknown)}" is not an option (${field.options.join(', ')})` };
      const chosen = field.options.filter((o) => value.includes(o)); // the admin's order, once each
      return { value: chosen.length ? chosen : null };
    }
  }
}

/**
 * The values of a PATCH as they will be stored (null entries clear), or a 400 naming the first
 * wrong field: an unknown key, or a value that does not fit the field's type.
 */
export function parseCustomFieldValues(
  entity: CustomFieldEntity,
  definitions: readonly FieldDefinition[],
  input: Record<string, unknown>,
): Record<string, CustomFieldValue | null> {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const out: Record<string, CustomFieldValue | null> = {};
  for (const [key, raw] of Object.entries(input)) {
    const field = byKey.get(key);
    if (!field) throw invalid(`customFields.${key}: no ${entity} field has this key`);
    const checked = checkValue(field, raw);
    if ('problem' in checked) throw invalid(`customFields.${key}: ${checked.problem}`);
    out[key] = checked.value;
  }
  return out;
}

/** A value counts as given unless absent, empty text or an empty list. */
function isMissing(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** The fields required to solve that `values` lacks, in the definitions' order. */
export function missingToSolve(
  definitions: readonly FieldDefinition[],
  values: Readonly<Record<string, unknown>> | null | undefined,
): FieldDefinition[] {
  return definitions.filter((d) => d.requiredToSolve && isMissing(values?.[d.key]));
}

/**
 * A queue filter's strings (`cf.plan=pro`) as the JSON the values must contain, typed like the
 * stored values so the GIN index answers `custom_fields @> …`; a 400 for an unknown key or a
 * value the field cannot hold.
 */
export function customFieldFilter(
  entity: CustomFieldEntity,
  definitions: readonly FieldDefinition[],
  filters: Record<string, string>,
): Record<string, CustomFieldValue> {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const out: Record<string, CustomFieldValue> = {};
  for (const [key, raw] of Object.entries(filters)) {
    const field = byKey.get(key);
    const name = `cf.${key}`;
    if (!field) throw invalid(`${name}: no ${entity} field has this key`);
    switch (field.type) {
      case 'number': {
        const n = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(n)) throw invalid(`${name}: must be a number`);
        out[key] = n;
        break;
      }
      case 'checkbox':
        if (raw !== 'true' && raw !== 'false') throw invalid(`${name}: must be true or false`);
        out[key] = raw === 'true';
        break;
      case 'multiselect':
        if (!field.options.includes(raw))
          throw invalid(`${name}: must be one of ${field.options.join(', ')}`);
        out[key] = [raw]; // containment: the list holds this option
        break;
      case 'select':
        if (!field.options.includes(raw))
          throw invalid(`${name}: must be one of ${field.options.join(', ')}`);
        out[key] = raw;
        break;
      case 'date':
        if (!isCalendarDate(raw)) throw invalid(`${name}: must be a date as YYYY-MM-DD`);
        out[key] = raw;
        break;
      case 'text':
        out[key] = raw.trim();
        break;
    }
  }
  return out;
}
