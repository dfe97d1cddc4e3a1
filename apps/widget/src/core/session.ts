import type { Availability, PublicSettings, VisitorInfo } from './message-model.js';

export interface SessionInfo {
  token: string;
  visitor: VisitorInfo;
  settings: PublicSettings;
  availability: Availability;
}

/** What the host page may pass to link the visitor to its signed-in user. */
export interface IdentityInput {
  userId?: string;
  userHash?: string;
  name?: string;
  email?: string;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function tokenKey(accountId: string): string {
  return `switchboard-widget:${accountId}`;
}

/** localStorage can throw (privacy modes, sandboxed iframes): then the visitor lasts one page view. */
export function safeStorage(): KeyValueStorage {
  const memory = new Map<string, string>();
  const fallback: KeyValueStorage = {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, v),
    removeItem: (k) => void memory.delete(k),
  };
  try {
    const probe = '__sb_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return fallback;
  }
}

export class SessionError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** POSTs as text/plain: a simple cross-origin request, so no preflight round trip. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify(body),
    credentials: 'omit',
  });
  const data = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new SessionError(data.message ?? `request failed (${res.status})`, res.status);
  return data;
}

/** Resumes the stored visitor or starts one; the token the server returns is kept for next time. */
export async function startSession(
  api: string,
  accountId: string,
  storage: KeyValueStorage,
  identity: IdentityInput = {},
): Promise<SessionInfo> {
  const token = storage.getItem(tokenKey(accountId));
  const info = await postJson<SessionInfo>(`${api}/api/widget/${accountId}/session`, { token, ...identity });
  storage.setItem(tokenKey(accountId), info.token);
  return info;
}
