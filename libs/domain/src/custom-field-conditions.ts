/**
 * Conditions on custom field values (rules' `customFields.<key>`, SLA policies' `customFields`),
 * evaluated without I/O. Conditions carry strings (what an admin typed); stored values keep their
 * type (number, boolean, list of options), so each comparison reads the value by its type.
 */

/** A ticket's (or contact's) custom field values by key. */
export type CustomFieldFacts = Readonly<Record<string, unknown>>;

/** The field key a condition names (`customFields.plan` → `plan`), or null for other fields. */
export function customFieldKeyOf(field: string): string | null {
  return field.startsWith('customFields.') ? field.slice('customFields.'.length) : null;
}

/** The stored value equals the condition value (a list value: holds it). A missing value equals nothing. */
export function customFieldEquals(value: unknown, wanted: string): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => String(v) === wanted);
  if (typeof value === 'number') return wanted.trim() !== '' && Number(wanted) === value;
  if (typeof value === 'boolean') return String(value) === wanted.toLowerCase();
  return String(value) === wanted;
}

/** Orders numbers as numbers and dates (YYYY-MM-DD) as text; null when the two do not compare. */
function compare(value: unknown, wanted: string | undefined): number | null {
  if (wanted === undefined || value === undefined || value === null) return null;
  if (typeof value === 'number') {
    const n = Number(wanted);
    return wanted.trim() === '' || !Number.isFinite(n) ? null : value - n;
  }
  if (typeof value === 'string') return value < wanted ? -1 : value > wanted ? 1 : 0;
  return null;
}

/** One rule condition on a custom field: is / is_not / contains / not_contains / lt / gt. */
export function matchesCustomFieldCondition(
  key: string,
  op: string,
  wanted: ReadonlyArray<string | null>,
  values: CustomFieldFacts,
): boolean {
  const value = values[key];
  const strings = wanted.filter((w): w is string => w !== null);
  const equalsAny = () => strings.some((w) => customFieldEquals(value, w));
  const containsAny = () => {
    if (Array.isArray(value)) return equalsAny();
    const text = typeof value === 'string' ? value.toLowerCase() : '';
    return strings.some((w) => w !== '' && text.includes(w.toLowerCase()));
  };
  switch (op) {
    case 'is':
      // `is null`: the field has no value.
      return wanted.includes(null) ? value === undefined || value === null || equalsAny() : equalsAny();
    case 'is_not':
      return !(wanted.includes(null) ? value === undefined || value === null || equalsAny() : equalsAny());
    case 'contains':
      return containsAny();
    case 'not_contains':
      return !containsAny();
    case 'lt': {
      const c = compare(value, strings[0]);
      return c !== null && c < 0;
    }
    case 'gt': {
      const c = compare(value, strings[0]);
      return c !== null && c > 0;
    }
    default:
      return false;
  }
}

/** An SLA policy's custom field conditions: every listed field holds one of its values (an empty map: no condition). */
export function customFieldsMatch(
  conditions: Readonly<Record<string, readonly string[]>> | undefined,
  values: CustomFieldFacts | undefined,
): boolean {
  if (!conditions) return true;
  return Object.entries(conditions).every(
    ([key, wanted]) => wanted.length === 0 || wanted.some((w) => customFieldEquals(values?.[key], w)),
  );
}
