import { randomBytes } from 'node:crypto';
import {
  FailureScript,
  startHttpServer,
  type RecordedRequest,
  type RunningServer,
  type ScriptedFailure,
} from './http-server.js';

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');
const rfc2822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** Twilio protects media URLs with HTTP Basic auth unless the account turns it off. */
  mediaRequiresAuth?: boolean;
}

export interface TwilioSentMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string | null;
  statusCallback: string | null;
  contentSid: string | null;
  contentVariables: string | null;
  mediaUrls: string[];
}

interface StoredMedia {
  contentType: string;
  bytes: Buffer;
}

/** Error JSON exactly as Twilio's REST API returns it. */
export function twilioError(code: number, message: string, status = 400): ScriptedFailure {
  return {
    status,
    body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  };
}

/**
 * A local stand-in for Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`)
 * and its media URLs. Checks Basic auth, records what was sent, answers with a message resource.
 */
export class FakeTwilio {
  readonly accountSid: string;
  readonly authToken: string;
  readonly requests: RecordedRequest[] = [];
  readonly sent: TwilioSentMessage[] = [];
  readonly failures = new FailureScript();
  /**
   * Runs after a message is accepted and before the API answers, e.g. to post a status callback
   * that overtakes the answer (Twilio does not promise the answer arrives first).
   */
  beforeAnswer?: (message: TwilioSentMessage) => Promise<void> | void;
  private readonly media = new Map<string, StoredMedia>();
  private server?: RunningServer;
  private readonly mediaRequiresAuth: boolean;

  constructor(options: FakeTwilioOptions = {}) {
    this.accountSid = options.accountSid ?? 'AC' + 'a'.repeat(32);
    this.authToken = options.authToken ?? 'test-auth-token';
    this.mediaRequiresAuth = options.mediaRequiresAuth ?? true;
  }

  get url(): string {
    if (!this.server) throw new Error('FakeTwilio is not started');
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

  /** Queues an error answer for the next Messages API call(s). */
  failNext(failure: ScriptedFailure): void {
    this.failures.push(failure);
  }

  /** Stores media as an inbound MMS would carry it; returns the URL Twilio would put in MediaUrlN. */
  addMedia(contentType: string, bytes: Buffer, messageSid = sid('MM')): string {
    const path = `/2010-04-01/Accounts/${this.accountSid}/Messages/${messageSid}/Media/${sid('ME')}`;
    this.media.set(path, { contentType, bytes });
    return this.url + path;
  }

  private authorized(request: RecordedRequest): boolean {
    const header = String(request.headers.authorization ?? '');
    const expected = 'Basic ' + Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64');
    return header === expected;
  }

  private async handle(request: RecordedRequest) {
    this.requests.push(request);
    const stored = this.media.get(request.path);
    if (request.method === 'GET' && stored) {
      if (this.mediaRequiresAuth && !this.authorized(request)) return twilioError(20003, 'Authenticate', 401);
      return { status: 200, body: stored.bytes, headers: { 'content-type': stored.contentType } };
    }
    const account = /^\/2010-04-01\/Accounts\/([^/]+)\.json$/.exec(request.path);
    if (account && request.method === 'GET') {
      if (account[1] !== this.accountSid || !this.authorized(request))
        return twilioError(20003, 'Authenticate', 401);
      return {
        status: 200,
        body: {
          sid: this.accountSid,
          friendly_name: 'Switchboard test account',
          status: 'active',
          type: 'Full',
          owner_account_sid: this.accountSid,
          date_created: rfc2822(new Date(0)),
          date_updated: rfc2822(new Date(0)),
          uri: `/2010-04-01/Accounts/${this.accountSid}.json`,
        },
      };
    }
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (!match || request.method !== 'POST') {
      return twilioError(20404, `The requested resource ${request.path} was not found`, 404);
    }
    if (match[1] !== this.accountSid || !this.authorized(request))
      return twilioError(20003, 'Authenticate', 401);
    const failure = this.failures.take();
    if (failure) return failure;

    const form = request.body as Record<string, string | string[] | undefined>;
    const one = (key: string) =>
      (Array.isArray(form[key]) ? (form[key] as string[])[0] : (form[key] as string | undefined)) ?? null;
    const mediaUrls = ([] as string[]).concat(form.MediaUrl ?? []);
    if (!one('To')) return twilioError(21604, "A 'To' phone number is required.");
    if (!one('From') && !one('MessagingServiceSid')) {
      return twilioError(21603, "A 'From' phone number is required.");
    }
    if (!one('Body') && mediaUrls.length === 0 && !one('ContentSid')) {
      return twilioError(21602, 'Message body is required.');
    }
    const message: TwilioSentMessage = {
      sid: sid('SM'),
      to: one('To')!,
      from: one('From'),
      messagingServiceSid: one('MessagingServiceSid'),
      body: one('Body'),
      statusCallback: one('StatusCallback'),
      contentSid: one('ContentSid'),
      contentVariables: one('ContentVariables'),
      mediaUrls,
    };
    this.sent.push(message);
    await this.beforeAnswer?.(message);
    const now = rfc2822(new Date());
    const uri = `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}`;
    return {
      status: 201,
      body: {
        account_sid: this.accountSid,
        api_version: '2010-04-01',
        body: message.body ?? '',
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: message.from,
        messaging_service_sid: message.messagingServiceSid,
        num_media: String(mediaUrls.length),
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        sid: message.sid,
        // Sends through a Messaging Service start as "accepted" until a sender is chosen.
        status: message.messagingServiceSid && !message.from ? 'accepted' : 'queued',
        subresource_uris: { media: `${uri}/Media.json` },
        to: message.to,
        uri: `${uri}.json`,
      },
    };
  }
}

export interface TwilioInboundOptions {
  accountSid?: string;
  from: string;
  to: string;
  body?: string;
  messageSid?: string;
  messagingServiceSid?: string;
  media?: Array<{ url: string; contentType: string }>;
  /** WhatsApp senders carry a profile name and the bare number as WaId. */
  profileName?: string;
}

/** An inbound-message webhook form, with the fields Twilio documents for SMS, MMS and WhatsApp. */
export function twilioInboundParams(options: TwilioInboundOptions): Record<string, string> {
  const messageSid = options.messageSid ?? sid('SM');
  const params: Record<string, string> = {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: messageSid,
    NumMedia: String(options.media?.length ?? 0),
    ToCity: '',
    FromZip: '',
    SmsSid: messageSid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: options.body ?? '',
    FromCountry: 'US',
    To: options.to,
    ToZip: '',
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: messageSid,
    AccountSid: options.accountSid ?? 'AC' + 'a'.repeat(32),
    From: options.from,
    ApiVersion: '2010-04-01',
  };
  if (options.messagingServiceSid) params.MessagingServiceSid = options.messagingServiceSid;
  options.media?.forEach((media, index) => {
    params[`MediaUrl${index}`] = media.url;
    params[`MediaContentType${index}`] = media.contentType;
  });
  if (options.from.startsWith('whatsapp:')) {
    params.ProfileName = options.profileName ?? '';
    params.WaId = options.from.replace(/^whatsapp:\+?/, '');
  }
  return params;
}
