import type { ChannelKind, ConfigField } from './channel-kinds';

export type FieldValues = Record<string, string | boolean>;

export function initialValues(kind: ChannelKind): FieldValues {
  return Object.fromEntries(kind.fields.map((f) => [f.path, f.initial ?? (f.type === 'checkbox' ? false : '')]));
}

function toValue(field: ConfigField, raw: string | boolean | undefined): unknown {
  if (field.type === 'checkbox') return raw === true;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) return undefined;
  if (field.type === 'number') return Number(text);
  if (field.type === 'lines') return text.split(/[\s,]+/).filter(Boolean);
  // Passwords are sent as typed: leading or trailing spaces may be part of them.
  return field.type === 'password' ? raw : text;
}

/**
 * The `config` body for a kind from what the admin typed. Empty fields are left out, so the
 * API applies its defaults and, for a required one, answers with a 400 naming it.
 */
export function buildConfig(kind: ChannelKind, values: FieldValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const value = toValue(field, values[field.path]);
    if (value === undefined) continue;
    const keys = field.path.split('.');
    let target = config;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys[keys.length - 1]] = value;
  }
  return config;
}
