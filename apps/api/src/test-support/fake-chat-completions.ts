import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ChatRequest {
  authorization: string;
  body: {
    model: string;
    messages: Array<{ role: string; content: string }>;
    [key: string]: unknown;
  };
}

/** How the server answers one request: a completion, an error status, or silence for a while. */
export type ChatScript =
  | {
      content: string;
      promptTokens?: number;
      completionTokens?: number;
      /** Some self-hosted servers leave usage out. */
      withoutUsage?: boolean;
      delayMs?: number;
    }
  | { status: number; error: string; delayMs?: number };

/**
 * An OpenAI-compatible chat-completions server on loopback, speaking `POST /v1/chat/completions`
 * as OpenAI documents it (choices[].message, usage with prompt/completion/total tokens). It
 * counts and keeps every request, so a test sees exactly what left the app.
 */
export class FakeChatCompletions {
  readonly requests: ChatRequest[] = [];
  /** Decides the answer per request; by default a short completion naming the model. */
  script: (req: ChatRequest) => ChatScript = (req) => ({ content: `Completion by ${req.body.model}` });
  private server: Server | null = null;
  /** The API root to configure, like https://api.openai.com/v1. */
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/v1`;
    return this;
  }

  /** The text of every message of the last request, joined: what the provider got to read. */
  lastPrompt(): string {
    const last = this.requests.at(-1);
    return last ? last.body.messages.map((m) => m.content).join('\n') : '';
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' },
        }),
      );
      return;
    }
    let body: ChatRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
      return;
    }
    const request: ChatRequest = { authorization: String(req.headers.authorization ?? ''), body };
    this.requests.push(request);
    const answer = this.script(request);
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (res.destroyed) return;
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: answer.error, type: 'server_error' } }));
      return;
    }
    const promptTokens =
      answer.promptTokens ?? Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / 4);
    const completionTokens = answer.completionTokens ?? Math.ceil(answer.content.length / 4);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${this.requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: answer.content }, finish_reason: 'stop' },
        ],
        ...(answer.withoutUsage
          ? {}
          : {
              usage: {
                prompt_tokens: promptTokens,
                completion_tokens: completionTokens,
                total_tokens: promptTokens + completionTokens,
              },
            }),
      }),
    );
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
