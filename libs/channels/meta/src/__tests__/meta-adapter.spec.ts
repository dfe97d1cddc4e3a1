import {
  PermanentSendError,
  RetryableSendError,
  type ChannelAccountRef,
  type OutboundMessage,
} from '@switchboard/channel-kit';
import { FakeGraph, graphError } from '@switchboard/test-support-providers';
import { MetaAdapter, splitText } from '../meta-adapter.js';
import { decideMetaMessaging } from '../meta-window.js';

const fake = new FakeGraph();
const now = new Date('2025-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.failures.clear();
  fake.sent.length = 0;
  fake.requests.length = 0;
});

function account(
  kind: 'messenger' | 'instagram' = 'messenger',
  config: Record<string, unknown> = {},
): ChannelAccountRef {
  return {
    id: 'acct-meta-1',
    kind,
    name: 'Acme page',
    config: {
      pageId: fake.pageId,
      pageAccessToken: fake.pageAccessToken,
      appSecret: 's',
      verifyToken: 'v',
      apiBaseUrl: fake.url,
      ...config,
    },
  };
}

function reply(text = 'Thanks, your refund is on its way.'): OutboundMessage {
  return {
    messageId: 'msg-9',
    idempotencyKey: 'msg-9',
    ticketId: 't-9',
    ticketNumber: 9,
    subject: '',
    to: { kind: 'messenger', address: '6512345678901234' },
    text,
    attempt: 1,
  };
}

const adapter = (lastAt: Date | null, kind: 'messenger' | 'instagram' = 'messenger') =>
  new MetaAdapter({ kind, policy: { lastCustomerMessageAt: async () => lastAt }, now: () => now });

describe('an agent reply reaches the customer through the Graph Send API', () => {
  it('posts recipient, RESPONSE and the text to /v19.0/me/messages with the page token', async () => {
    const result = await adapter(hoursAgo(2)).send(account(), reply());
    expect(result.providerMessageId).toMatch(/^m_/);
    expect(fake.sent).toEqual([
      {
        recipientId: '6512345678901234',
        messagingType: 'RESPONSE',
        tag: null,
        text: 'Thanks, your refund is on its way.',
        attachment: null,
        path: '/v19.0/me/messages',
      },
    ]);
    expect(fake.requests[0].query.access_token).toBe(fake.pageAccessToken);
    expect(fake.requests[0].body).toEqual({
      recipient: { id: '6512345678901234' },
      messaging_type: 'RESPONSE',
      message: { text: 'Thanks, your refund is on its way.' },
    });
  });

  it('splits a long Instagram reply into messages Instagram accepts', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    await adapter(hoursAgo(1), 'instagram').send(account('instagram'), reply(long));
    expect(fake.sent.length).toBeGreaterThan(1);
    expect(fake.sent.every((s) => [...(s.text ?? '')].length <= 1000)).toBe(true);
    expect(fake.sent.map((s) => s.text).join(' ')).toBe(long);
  });
});

describe('the 24-hour window', () => {
  it('a reply after 24 hours is refused with a clear reason and nothing is sent', async () => {
    const error = await adapter(hoursAgo(30))
      .send(account(), reply())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toContain('24-hour messaging window');
    expect(fake.requests).toHaveLength(0);
  });

  it('with the HUMAN_AGENT tag approved, a human reply within 7 days goes out tagged', async () => {
    await adapter(hoursAgo(30)).send(account('messenger', { humanAgentTag: true }), reply());
    expect(fake.sent[0]).toMatchObject({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('even with HUMAN_AGENT, after 7 days the reply is refused', async () => {
    await expect(
      adapter(hoursAgo(24 * 8)).send(account('messenger', { humanAgentTag: true }), reply()),
    ).rejects.toThrow(/7-day/);
  });

  it.each([
    [1, false, 'RESPONSE'],
    [23.9, false, 'RESPONSE'],
    [24, false, null],
    [24, true, 'MESSAGE_TAG'],
    [167, true, 'MESSAGE_TAG'],
    [168, true, null],
  ])('%s hours after the customer wrote (HUMAN_AGENT %s) → %s', (hours, humanAgentTag, expected) => {
    const decision = decideMetaMessaging(hoursAgo(hours), now, { humanAgentTag });
    expect(decision.allowed ? decision.messagingType : null).toBe(expected);
  });
});

describe('Graph errors: fail at once when retrying cannot help, retry otherwise', () => {
  it.each([
    [
      graphError(10, '(#10) This message is sent outside of allowed window.', {
        subcode: 2018278,
        type: 'OAuthException',
      }),
      '24-hour messaging window',
    ],
    [graphError(551, "This person isn't available right now."), 'not available'],
    [graphError(100, 'No matching user found', { subcode: 2018001 }), 'No matching user'],
    [graphError(200, '(#200) Requires pages_messaging permission'), 'permission'],
  ])('permanent: %#', async (failure, words) => {
    fake.failNext(failure);
    const error = await adapter(hoursAgo(1))
      .send(account(), reply())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toContain(words);
  });

  it('an invalid page token fails permanently', async () => {
    const error = await adapter(hoursAgo(1))
      .send(account('messenger', { pageAccessToken: 'expired' }), reply())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toContain('access token');
  });

  it.each([
    [graphError(2, 'An unexpected error has occurred. Please retry your request later.', { status: 500 })],
    [graphError(4, 'Application request limit reached', { status: 400 })],
    [graphError(613, 'Calls to this api have exceeded the rate limit.', { status: 400 })],
    [{ status: 503, body: 'upstream down' }],
  ])('retryable: %#', async (failure) => {
    fake.failNext(failure);
    await expect(adapter(hoursAgo(1)).send(account(), reply())).rejects.toBeInstanceOf(RetryableSendError);
  });

  it('an unreachable Graph API is retryable', async () => {
    await expect(
      adapter(hoursAgo(1)).send(account('messenger', { apiBaseUrl: 'http://127.0.0.1:1' }), reply()),
    ).rejects.toBeInstanceOf(RetryableSendError);
  });
});

describe('admin "test" action', () => {
  it('names the page behind the token', async () => {
    await expect(adapter(null).testConnection(account())).resolves.toEqual({
      ok: true,
      pageName: 'Switchboard Test Page',
      pageId: fake.pageId,
    });
  });

  it('says when the token belongs to another page', async () => {
    await expect(
      adapter(null).testConnection(account('messenger', { pageId: '999' })),
    ).resolves.toMatchObject({ ok: false, reason: expect.stringContaining('not the configured page 999') });
  });

  it('says when the token is rejected', async () => {
    await expect(
      adapter(null).testConnection(account('messenger', { pageAccessToken: 'bad' })),
    ).resolves.toMatchObject({ ok: false, reason: expect.stringContaining('access token') });
  });
});

describe('splitText', () => {
  it('keeps short text whole and cuts long text at word boundaries', () => {
    expect(splitText('hello', 10)).toEqual(['hello']);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
