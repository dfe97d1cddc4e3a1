import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Delivered {
  idempotencyKey: string;
  json: { messageId: string; ticketId: string; ticketNumber: number; to: { handle: string }; text: string };
}

/** The integration's end of the API channel: records every reply the API delivers to it. */
export class CallbackReceiver {
  readonly received: Delivered[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
          json: body ? JSON.parse(body) : null,
        });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/callback`;
    return this;
  }

  /** Replies delivered for one ticket, in arrival order. */
  forTicket(ticketId: string): Delivered['json'][] {
    return this.received.filter((r) => r.json?.ticketId === ticketId).map((r) => r.json);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
