import { randomBytes } from 'node:crypto';
import {
  FailureScript,
  startHttpServer,
  type RecordedRequest,
  type RunningServer,
  type ScriptedFailure,
} from './http-server.js';

export interface GraphSentMessage {
  recipientId: string;
  messagingType: string;
  tag: string | null;
  text: string | null;
  attachment: unknown;
  /** Quick-reply buttons under the message, as sent. */
  quickReplies?: Array<{ content_type: string; title: string; payload: string }>;
  path: string;
}

/** Error JSON as the Graph API returns it. */
export function graphError(
  code: number,
  message: string,
  options: { subcode?: number; status?: number; type?: string } = {},
): ScriptedFailure {
  return {
    status: options.status ?? 400,
    body: {
      error: {
        message,
        type: options.type ?? 'OAuthException',
        code,
        ...(options.subcode ? { error_subcode: options.subcode } : {}),
        fbtrace_id: 'A' + randomBytes(8).toString('base64url'),
      },
    },
  };
}

/**
 * A local Graph API for the Messenger / Instagram Send API: `POST /vNN.N/me/messages` (or
 * `/vNN.N/{page-id}/messages`) with the page access token as `access_token` or a Bearer header.
 */
export class FakeGraph {
  readonly requests: RecordedRequest[] = [];
  readonly sent: GraphSentMessage[] = [];
  readonly failures = new FailureScript();
  private server?: RunningServer;

  constructor(
    readonly pageAccessToken = 'test-page-token',
    readonly pageId = '102030405060708',
  ) {}

  get url(): string {
    if (!this.server) throw new Error('FakeGraph is not started');
    return this.server.url;
  }

  async start(): Promise<RunningServer> {
    this.server = await startHttpServer((request) => this.handle(request));
    return this.server;
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  failNext(failure: ScriptedFailure): void {
    this.failures.push(failure);
  }

  private handle(request: RecordedRequest) {
    this.requests.push(request);
    const token =
      request.query.access_token ?? String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (request.method === 'GET' && /^\/v\d+\.\d+\/me$/.test(request.path)) {
      if (token !== this.pageAccessToken)
        return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
      return { status: 200, body: { id: this.pageId, name: 'Switchboard Test Page' } };
    }
    const match = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(request.path);
    if (!match || request.method !== 'POST') {
      return graphError(100, `Unknown path components: ${request.path}`, { type: 'GraphMethodException' });
    }
    if (match[1] !== 'me' && match[1] !== this.pageId) {
      return graphError(100, `Unsupported post request. Object with ID '${match[1]}' does not exist`, {
        subcode: 33,
      });
    }
    if (token !== this.pageAccessToken) {
      return graphError(190, 'Invalid OAuth access token - Cannot parse access token', { status: 400 });
    }
    const failure = this.failures.take();
    if (failure) return failure;

    const body = request.body as {
      recipient?: { id?: string };
      messaging_type?: string;
      tag?: string;
      message?: {
        text?: string;
        attachment?: unknown;
        quick_replies?: Array<{ content_type: string; title: string; payload: string }>;
      };
    };
    if (!body.recipient?.id) return graphError(100, '(#100) The parameter recipient is required');
    if (!body.message?.text && !body.message?.attachment) {
      return graphError(100, '(#100) Must send either message or state');
    }
    const sent: GraphSentMessage = {
      recipientId: body.recipient.id,
      messagingType: body.messaging_type ?? 'RESPONSE',
      tag: body.tag ?? null,
      text: body.message.text ?? null,
      attachment: body.message.attachment ?? null,
      ...(body.message.quick_replies ? { quickReplies: body.message.quick_replies } : {}),
      path: request.path,
    };
    this.sent.push(sent);
    return {
      status: 200,
      body: { recipient_id: sent.recipientId, message_id: 'm_' + randomBytes(24).toString('base64url') },
    };
  }
}

export interface MetaMessagingEventOptions {
  object?: 'page' | 'instagram';
  pageId?: string;
  senderId: string;
  mid?: string;
  text?: string;
  attachments?: Array<{ type: string; url: string }>;
  isEcho?: boolean;
  timestamp?: number;
}

/** A webhook body with one `messages` event, shaped like Meta's documentation. */
export function metaMessageWebhook(options: MetaMessagingEventOptions): Record<string, unknown> {
  const pageId = options.pageId ?? '102030405060708';
  const timestamp = options.timestamp ?? Date.now();
  const fromPage = options.isEcho === true;
  return {
    object: options.object ?? 'page',
    entry: [
      {
        id: pageId,
        time: timestamp,
        messaging: [
          {
            sender: { id: fromPage ? pageId : options.senderId },
            recipient: { id: fromPage ? options.senderId : pageId },
            timestamp,
            message: {
              mid: options.mid ?? 'm_' + randomBytes(24).toString('base64url'),
              ...(options.text !== undefined ? { text: options.text } : {}),
              ...(options.attachments
                ? { attachments: options.attachments.map((a) => ({ type: a.type, payload: { url: a.url } })) }
                : {}),
              ...(fromPage ? { is_echo: true, app_id: 1517776481860111 } : {}),
            },
          },
        ],
      },
    ],
  };
}
