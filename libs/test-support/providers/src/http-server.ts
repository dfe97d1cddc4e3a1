import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What every fake provider records about a call it received. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** Parsed body: form fields (repeated keys become arrays), JSON, or multipart fields. */
  body: Record<string, unknown>;
  /** Files of a multipart body, by field name. */
  files: Record<string, { filename: string; contentType: string; bytes: Buffer }>;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Handler = (
  request: RecordedRequest,
  res: ServerResponse,
) => Promise<FakeResponse | void> | FakeResponse | void;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(contentType: string, raw: Buffer): Promise<Pick<RecordedRequest, 'body' | 'files'>> {
  const files: RecordedRequest['files'] = {};
  if (raw.length === 0) return { body: {}, files };
  if (contentType.includes('application/json')) return { body: JSON.parse(raw.toString('utf8')), files };
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const body: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
      const existing = body[key];
      if (existing === undefined) body[key] = value;
      else body[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    return { body, files };
  }
  if (contentType.includes('multipart/form-data')) {
    // The WHATWG Request parses multipart for us, exactly as a browser-compatible server would.
    const form = await new Request('http://fake.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    const body: Record<string, string> = {};
    for (const [key, value] of form) {
      if (typeof value === 'string') body[key] = value;
      else
        files[key] = {
          filename: value.name,
          contentType: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        };
    }
    return { body, files };
  }
  return { body: { raw: raw.toString('utf8') }, files };
}

/** Starts a node:http server on 127.0.0.1 and an ephemeral port; close() also drops keep-alive sockets. */
export async function startHttpServer(handler: Handler): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const rawBody = await readBody(req);
        const parsed = await parseBody(String(req.headers['content-type'] ?? ''), rawBody);
        const request: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          rawBody,
          ...parsed,
        };
        const answer = await handler(request, res);
        if (answer && !res.headersSent) {
          const isBytes = Buffer.isBuffer(answer.body);
          res.writeHead(answer.status, {
            'content-type': isBytes ? 'application/octet-stream' : 'application/json',
            ...answer.headers,
          });
          res.end(isBytes ? answer.body : JSON.stringify(answer.body));
        }
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake provider crashed: ${(error as Error).message}` }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A failure a test wants the next call(s) to answer with. `times` defaults to 1; Infinity keeps it. */
export interface ScriptedFailure {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  times?: number;
}

/** FIFO of scripted failures shared by the fakes. */
export class FailureScript {
  private readonly queue: ScriptedFailure[] = [];

  push(failure: ScriptedFailure): void {
    this.queue.push({ ...failure, times: failure.times ?? 1 });
  }

  clear(): void {
    this.queue.length = 0;
  }

  take(): FakeResponse | undefined {
    const next = this.queue[0];
    if (!next) return undefined;
    next.times = (next.times ?? 1) - 1;
    if (next.times <= 0) this.queue.shift();
    return { status: next.status, body: next.body, headers: next.headers };
  }
}
