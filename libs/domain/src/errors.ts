/**
 * What went wrong, in the core's own words. Services, the ingest port and channel libraries throw
 * these; only the API's exception filter (and a socket's acknowledgement, which carries the same
 * status) turns a code into an HTTP status, so the IMAP watcher and a worker see the same error a
 * controller does.
 */
export const DOMAIN_ERROR_CODES = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** The HTTP error contract: which status each code answers with. */
const HTTP_STATUS: Record<DomainErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export function httpStatusOf(code: DomainErrorCode): number {
  return HTTP_STATUS[code];
}

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Input that breaks a rule; the message names the field (`"until: must be in the future"`). */
export const invalid = (message: string) => new DomainError('invalid', message);
export const unauthenticated = (message: string) => new DomainError('unauthenticated', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
/** Also for what the caller may not see: it must not learn that it exists. */
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const tooLarge = (message: string) => new DomainError('too_large', message);
export const unsupportedMediaType = (message: string) => new DomainError('unsupported_media_type', message);
export const rateLimited = (message: string) => new DomainError('rate_limited', message);
export const unavailable = (message: string, cause?: unknown) =>
  new DomainError('unavailable', message, { cause });

/** One line for a log: a domain error keeps its code (`not_found: channel account not found`), anything else its message. */
export function describeError(err: unknown): string {
  if (isDomainError(err)) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
