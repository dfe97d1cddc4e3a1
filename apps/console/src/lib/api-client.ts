import { i18n } from '../i18n';

/**
 * The one place the console talks HTTP: bearer token, JSON in and out, and API errors
 * (`{ statusCode, error, message }`) turned into readable messages.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly error = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called on a 401 with the API's message, which says why the session ended. */
export type UnauthorizedHandler = (message: string) => void;

export interface RequestOptions {
  /** Skip the "session expired" handling, e.g. for the login request itself. */
  anonymous?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (an Idempotency-Key). */
  headers?: Record<string, string>;
}

let token: string | null = null;
let onUnauthorized: UnauthorizedHandler = () => undefined;

export function setApiToken(next: string | null): void {
  token = next;
}

export function getApiToken(): string | null {
  return token;
}

export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

// Catalog keys (errors.http<status>) for the statuses people meet; the server's own message wins.
const FALLBACK = new Set([400, 401, 403, 404, 409, 413, 429]);

/** A sentence for people: the API's message when it sent one, else a plain description. */
export function readableMessage(status: number, body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string' && message.trim()) return message;
    if (Array.isArray(message) && message.length) return message.map(String).join('; ');
  }
  if (status >= 500) return i18n.t('errors.server');
  return FALLBACK.has(status) ? i18n.t(`errors.http${status}`) : i18n.t('errors.requestFailed', { status });
}

export async function apiRequest<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // eslint-disable-next-line i18next/no-literal-string -- an HTTP auth scheme, not words
  if (token && !options.anonymous) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new ApiError(0, 'Cannot reach the server; check your connection.');
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const message = readableMessage(response.status, parsed);
    if (response.status === 401 && !options.anonymous) onUnauthorized(message);
    const error =
      parsed && typeof parsed === 'object' && 'error' in parsed
        ? String((parsed as { error: unknown }).error)
        : '';
    throw new ApiError(response.status, message, error);
  }
  return parsed as T;
}

/** A file the API serves (attachments): fetched with the bearer token, which a plain link cannot send. */
export async function apiFile(path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, 'Cannot reach the server; check your connection.');
  }
  if (!response.ok) {
    const message = readableMessage(response.status, null);
    if (response.status === 401) onUnauthorized(message);
    throw new ApiError(response.status, message);
  }
  return response.blob();
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiRequest<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiRequest<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, undefined, options),
};

/** Builds a query string from defined, non-empty values only. */
export function toQuery(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403);
}
