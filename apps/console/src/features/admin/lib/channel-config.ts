import { businessHoursFromValues, businessHoursValues } from './business-hours';
import type { ChannelKind, ConfigField } from './channel-kinds';

export type FieldValues = Record<string, string | boolean>;
type Config = Record<string, unknown>;

/** Credentials: the API never returns them, so an edit starts them empty and sends them only when typed. */
export const isSecret = (field: ConfigField) => field.type === 'password' || field.secret === true;

export function initialValues(kind: ChannelKind): FieldValues {
  return valuesFromConfig(kind, {});
}

function readPath(config: Config, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Config)[key] : undefined), config);
}

function writePath(config: Config, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = config;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Config;
  target[keys[keys.length - 1]] = value;
}

/** The form's values for a stored account (as listed: without credentials), or defaults for a new one. */
export function valuesFromConfig(kind: ChannelKind, config: Config): FieldValues {
  const values: FieldValues = {};
  for (const field of kind.fields) {
    const stored = readPath(config, field.path);
    if (field.type === 'business-hours') Object.assign(values, businessHoursValues(field.path, stored));
    else if (field.type === 'checkbox')
      values[field.path] = typeof stored === 'boolean' ? stored : field.initial === true;
    else if (isSecret(field)) values[field.path] = '';
    else if (stored === undefined || stored === null) values[field.path] = field.initial ?? '';
    else if (field.type === 'lines' || field.type === 'csv')
      values[field.path] = Array.isArray(stored)
        ? stored.join(field.type === 'lines' ? '\n' : ', ')
        : String(stored);
    else if (field.type === 'json') values[field.path] = JSON.stringify(stored, null, 2);
    else values[field.path] = String(stored);
  }
  return values;
}

/** A field's config value from what the admin typed; undefined when left empty. */
function toValue(field: ConfigField, values: FieldValues): unknown {
  if (field.type === 'business-hours') return businessHoursFromValues(field.path, values) ?? undefined;
  const raw = values[field.path];
  if (field.type === 'checkbox') return raw === true;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) return undefined;
  if (field.type === 'number') return Number(text);
  if (field.type === 'lines' || field.type === 'csv') return text.split(/[\s,]+/).filter(Boolean);
  if (field.type === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      // Sent as typed: the API's 400 names the field and says what it must be.
      return text;
    }
  }
  // Passwords are sent as typed: leading or trailing spaces may be part of them.
  return field.type === 'password' ? raw : text;
}

/**
 * The `config` body for a new account. Empty fields are left out, so the API applies its
 * defaults and, for a required one, answers with a 400 naming it. "More settings" are sent only
 * when the admin changed them from their defaults.
 */
export function buildConfig(kind: ChannelKind, values: FieldValues): Config {
  const config: Config = {};
  for (const field of kind.fields.filter((f) => !f.advanced)) {
    const value = toValue(field, values);
    if (value !== undefined) writePath(config, field.path, value);
  }
  for (const field of fieldsToSend(kind, initialValues(kind), values)) {
    const value = toValue(field, values);
    if (field.advanced && value !== undefined) writePath(config, field.path, value);
  }
  return config;
}

/**
 * The `config` patch for an edit (a JSON Merge Patch): only fields the admin changed, a cleared
 * field as null (the API then drops it), and credentials only when typed.
 */
export function buildConfigPatch(kind: ChannelKind, before: FieldValues, after: FieldValues): Config {
  const patch: Config = {};
  for (const field of fieldsToSend(kind, before, after)) {
    const value = toValue(field, after);
    if (value !== undefined) writePath(patch, field.path, value);
    else if (!isSecret(field)) writePath(patch, field.path, null);
  }
  return patch;
}

/** Changed fields, plus every field of an object the API checks as a whole (`wholeObjects`) once one of them changed. */
function fieldsToSend(kind: ChannelKind, before: FieldValues, after: FieldValues): ConfigField[] {
  const changed = kind.fields.filter((field) =>
    isSecret(field)
      ? toValue(field, after) !== undefined
      : JSON.stringify(toValue(field, before)) !== JSON.stringify(toValue(field, after)),
  );
  const whole = (kind.wholeObjects ?? []).filter((object) =>
    changed.some((f) => f.path.startsWith(`${object}.`)),
  );
  return kind.fields.filter(
    (field) => changed.includes(field) || whole.some((object) => field.path.startsWith(`${object}.`)),
  );
}
