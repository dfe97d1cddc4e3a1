import { CONFIG_BOUNDS, jsonBoundsProblem } from '@switchboard/contracts';

/**
 * How a channel account's config is split, shown and changed. Credentials live in the sealed
 * `secrets` column; the plain `config` column holds the rest. What is sealed is decided by the
 * top-level key (`imap` and `smtp` are sealed whole), while what the admin screen may see is
 * decided by the leaf name, so it can show `imap.host` but never `imap.password`.
 */

type Config = Record<string, unknown>;

/** Leaf names that are credentials at any depth: never returned, never logged. */
const CREDENTIAL_KEYS = new Set([
  'password',
  'authToken',
  'pageAccessToken',
  'appSecret',
  'botToken',
  'secretToken',
  'verifyToken',
  'signingSecret',
  'identitySecret',
]);

/** Top-level config keys stored sealed: every credential, and the mail server blocks whole. */
const SEALED_KEYS = new Set([...CREDENTIAL_KEYS, 'imap', 'smtp']);

const isPlainObject = (value: unknown): value is Config =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function splitSealed(config: Config): { plain: Config; sealed: Config } {
  const plain: Config = {};
  const sealed: Config = {};
  for (const [key, value] of Object.entries(config)) (SEALED_KEYS.has(key) ? sealed : plain)[key] = value;
  return { plain, sealed };
}

/** The config without any credential, for the admin screen. */
export function withoutCredentials(config: Config): Config {
  const out: Config = {};
  for (const [key, value] of Object.entries(config)) {
    if (CREDENTIAL_KEYS.has(key)) continue;
    out[key] = isPlainObject(value) ? withoutCredentials(value) : value;
  }
  return out;
}

/** RFC 7396 JSON Merge Patch: objects merge key by key, `null` removes, anything else replaces. */
export function mergePatch(target: Config, patch: Config): Config {
  const out: Config = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isPlainObject(value))
      out[key] = mergePatch(isPlainObject(target[key]) ? target[key] : {}, value);
    else out[key] = value;
  }
  return out;
}

/** The dotted paths a patch touches ("config.imap.password"), for the change log: names, never values. */
export function patchedPaths(patch: Config, prefix: string): string[] {
  return Object.entries(patch).flatMap(([key, value]) =>
    isPlainObject(value) ? patchedPaths(value, `${prefix}.${key}`) : [`${prefix}.${key}`],
  );
}

/**
 * Why a whole config (after a merge patch) may not be stored, as a 400 message naming the
 * path, or null. Each request's config is bounded at the edge; this keeps a series of small
 * patches from growing the stored one past the same bounds.
 */
export function configBoundsProblem(config: Config): string | null {
  const problem = jsonBoundsProblem(config, CONFIG_BOUNDS);
  return problem && `${['config', ...problem.path].join('.')}: ${problem.message}`;
}
