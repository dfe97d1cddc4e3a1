import { jest } from '@jest/globals';

export interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

type Reply = { status?: number; body?: unknown };
type Route = [method: string, pattern: RegExp, reply: Reply | ((call: Call) => Reply)];

/**
 * Replaces fetch with a router of canned answers and records every call, so a test reads like
 * "the API answers 400 here" and asserts on what the console sent.
 */
export function mockApi(routes: Route[]): Call[] {
  const calls: Call[] = [];
  const fetchMock = jest.fn(
    async (input: unknown, init?: { method?: string; body?: string; headers?: Record<string, string> }) => {
      const call: Call = {
        method: init?.method ?? 'GET',
        url: String(input),
        body: init?.body ? JSON.parse(init.body) : undefined,
        headers: init?.headers ?? {},
      };
      calls.push(call);
      const route = routes.find(([method, pattern]) => method === call.method && pattern.test(call.url));
      const reply = route
        ? typeof route[2] === 'function'
          ? route[2](call)
          : route[2]
        : { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not found' } };
      const status = reply.status ?? 200;
      const json = reply.body === undefined ? '' : JSON.stringify(reply.body);
      // `blob()` is how files are read (downloads): a string body is the file's text.
      return {
        ok: status >= 200 && status < 300,
        status,
        text: async () => json,
        blob: async () => new Blob([typeof reply.body === 'string' ? reply.body : json]),
      };
    },
  );
  (globalThis as { fetch: unknown }).fetch = fetchMock;
  return calls;
}
