import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
}

/**
 * The request id of the work in progress: set for each HTTP request, and again when a worker
 * picks up what a request queued (an outbound send), so log lines of both carry the same id.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** What a caller may pass as X-Request-Id; anything else gets an id of ours (ids end up in SQL and logs). */
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Whether an id may be written into SQL text as a literal (only ids of the safe shape are ever stored). */
export function isSafeRequestId(id: string | undefined): id is string {
  return !!id && SAFE_ID.test(id);
}

export function withRequestId<T>(requestId: string | null | undefined, work: () => T): T {
  return requestId ? requestContext.run({ requestId }, work) : work();
}
