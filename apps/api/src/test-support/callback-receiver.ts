import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ReceivedCallback {
  idempotencyKey: string;
  signature: string;
  timestamp: string;
  body: string;
  json: any;
}

/** An integration's callback endpoint on loopback: records every POST and answers as scripted. */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  /** Decides the answer per request; default 200. */
  respond: (req: ReceivedCallback, res: ServerResponse) => void = (_, res) => res.writeHead(200).end('ok');
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const entry: ReceivedCallback = {
          idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
          signature: String(req.headers['x-switchboard-signature'] ?? ''),
          timestamp: String(req.headers['x-switchboard-timestamp'] ?? ''),
          body,
          json: body ? JSON.parse(body) : null,
        };
        this.received.push(entry);
        this.respond(entry, res);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/callback`;
    return this;
  }

  uniqueKeys(): Set<string> {
    return new Set(this.received.map((r) => r.idempotencyKey));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
