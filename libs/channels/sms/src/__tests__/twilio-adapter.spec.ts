import { PermanentSendError, type ChannelAccountRef, type OutboundMessage } from '@switchboard/channel-kit';
import { FakeTwilio, twilioError, twilioInboundParams } from '@switchboard/test-support-providers';
import { RetryableSendError } from '@switchboard/channel-kit';
import { TwilioAdapter, type TwilioSendPolicy } from '../twilio-adapter.js';
import { downloadTwilioMedia } from '../twilio-media.js';
import { normalizeTwilioInbound } from '../twilio-inbound.js';

const fake = new FakeTwilio();

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
  kind: 'twilio_sms' | 'twilio_whatsapp',
  config: Record<string, unknown> = {},
): ChannelAccountRef {
  return {
    id: 'acct-1',
    kind,
    name: kind === 'twilio_sms' ? 'Support SMS' : 'Support WhatsApp',
    config: {
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      from: '+14155550199',
      publicUrl: 'https://help.example.com',
      apiBaseUrl: fake.url,
      ...config,
    },
  };
}

function reply(to: string, text = 'Your replacement ships today.'): OutboundMessage {
  return {
    messageId: 'msg-1',
    idempotencyKey: 'msg-1',
    ticketId: 't-1',
    ticketNumber: 1042,
    subject: 'Order',
    to: { kind: 'phone', address: to },
    text,
    attempt: 1,
  };
}

const now = new Date('2025-03-10T12:00:00Z');
const policy = (over: Partial<Record<'lastAt' | 'optedOut', unknown>> = {}): TwilioSendPolicy => ({
  lastCustomerMessageAt: async () =>
    over.lastAt === undefined ? new Date('2025-03-10T11:00:00Z') : (over.lastAt as Date | null),
  isOptedOut: async () => over.optedOut === true,
});

describe('an agent reply reaches the customer through Twilio', () => {
  it('the real twilio SDK client sends to the provider with the right recipient and text', async () => {
    const adapter = new TwilioAdapter({ kind: 'twilio_sms', policy: policy(), now: () => now });
    const result = await adapter.send(account('twilio_sms'), reply('(415) 555-0100'.replace('(', '+1 (')));
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.sent).toEqual([
      expect.objectContaining({
        sid: result.providerMessageId,
        to: '+14155550100',
        from: '+14155550199',
        body: 'Your replacement ships today.',
        statusCallback: 'https://help.example.com/api/webhooks/twilio/acct-1',
      }),
    ]);
    expect(fake.requests[0].headers['user-agent']).toMatch(/^twilio-node\//);
  });

  it('sends from a Messaging Service when one is configured', async () => {
    const adapter = new TwilioAdapter({ kind: 'twilio_sms' });
    await adapter.send(
      account('twilio_sms', { from: undefined, messagingServiceSid: 'MG' + '3'.repeat(32) }),
      reply('+14155550100'),
    );
    expect(fake.sent[0]).toMatchObject({
      from: null,
      messagingServiceSid: 'MG' + '3'.repeat(32),
      to: '+14155550100',
    });
  });

  it('sends a WhatsApp reply inside the 24-hour window with whatsapp: addresses', async () => {
    const adapter = new TwilioAdapter({ kind: 'twilio_whatsapp', policy: policy(), now: () => now });
    await adapter.send(
      account('twilio_whatsapp', { from: 'whatsapp:+14155238886' }),
      reply('whatsapp:+14155550100', 'On its way!'),
    );
    expect(fake.sent[0]).toMatchObject({
      to: 'whatsapp:+14155550100',
      from: 'whatsapp:+14155238886',
      body: 'On its way!',
    });
  });

  it('omits the status callback when no public URL is configured', async () => {
    await new TwilioAdapter({ kind: 'twilio_sms' }).send(
      account('twilio_sms', { publicUrl: undefined }),
      reply('+14155550100'),
    );
    expect(fake.sent[0].statusCallback).toBeNull();
  });
});

describe('replies that must not be sent are refused before reaching Twilio', () => {
  it('a customer who replied STOP gets nothing, and the agent is told why', async () => {
    const adapter = new TwilioAdapter({
      kind: 'twilio_sms',
      policy: policy({ optedOut: true }),
      now: () => now,
    });
    const error = await adapter.send(account('twilio_sms'), reply('+14155550100')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).code).toBe('opted_out');
    expect((error as Error).message).toContain('replied STOP');
    expect(fake.requests).toHaveLength(0);
  });

  it('a free-form WhatsApp reply outside the 24-hour window is refused with the reason', async () => {
    const adapter = new TwilioAdapter({
      kind: 'twilio_whatsapp',
      policy: policy({ lastAt: new Date('2025-03-08T12:00:00Z') }),
      now: () => now,
    });
    const error = await adapter
      .send(account('twilio_whatsapp'), reply('+14155550100'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).code).toBe('outside_window');
    expect((error as Error).message).toMatch(/24-hour WhatsApp window.*template/);
    expect(fake.requests).toHaveLength(0);
  });

  it('a WhatsApp customer who never wrote cannot get a free-form message', async () => {
    const adapter = new TwilioAdapter({
      kind: 'twilio_whatsapp',
      policy: policy({ lastAt: null }),
      now: () => now,
    });
    await expect(adapter.send(account('twilio_whatsapp'), reply('+14155550100'))).rejects.toThrow(/template/);
  });

  it('an approved template can still be sent outside the window', async () => {
    const adapter = new TwilioAdapter({
      kind: 'twilio_whatsapp',
      policy: policy({ lastAt: new Date('2025-03-01T00:00:00Z') }),
      now: () => now,
    });
    const result = await adapter.send(account('twilio_whatsapp'), {
      ...reply('+14155550100'),
      template: { contentSid: 'HX' + 'e'.repeat(32), variables: { '1': 'Ada', '2': '#1042' } },
    });
    expect(result.providerMessageId).toMatch(/^SM/);
    expect(fake.sent[0]).toMatchObject({
      to: 'whatsapp:+14155550100',
      contentSid: 'HX' + 'e'.repeat(32),
      contentVariables: '{"1":"Ada","2":"#1042"}',
      body: null,
    });
  });

  it('a recipient that is not a phone number fails permanently', async () => {
    await expect(
      new TwilioAdapter({ kind: 'twilio_sms' }).send(account('twilio_sms'), reply('ada@example.com')),
    ).rejects.toBeInstanceOf(PermanentSendError);
    expect(fake.requests).toHaveLength(0);
  });

  it('a misconfigured channel names the field to fix', async () => {
    const error = await new TwilioAdapter({ kind: 'twilio_sms' })
      .send(account('twilio_sms', { accountSid: 'nope' }), reply('+14155550100'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toContain('config.accountSid');
  });
});

describe('provider errors: fail at once when retrying cannot help, retry otherwise', () => {
  it.each([
    [21211, "The 'To' number +1415555 is not a valid phone number.", 'not a valid phone number'],
    [21610, 'Attempt to send to unsubscribed recipient', 'replied STOP'],
    [21614, "'To' number is not a valid mobile number", 'not a mobile number'],
    [
      63016,
      'Failed to send freeform message because you are outside the allowed window.',
      '24-hour WhatsApp window',
    ],
    [
      21408,
      "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
      'not enabled',
    ],
  ])('Twilio error %i fails permanently in plain words', async (code, message, words) => {
    fake.failNext(twilioError(code, message));
    const error = await new TwilioAdapter({ kind: 'twilio_sms' })
      .send(account('twilio_sms'), reply('+14155550100'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).code).toBe(String(code));
    expect((error as Error).message).toContain(words);
  });

  it('wrong credentials fail permanently (an admin must fix them)', async () => {
    const error = await new TwilioAdapter({ kind: 'twilio_sms' })
      .send(account('twilio_sms', { authToken: 'wrong' }), reply('+14155550100'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toContain('auth token');
  });

  it('a Twilio outage (500) is retryable', async () => {
    fake.failNext({
      status: 500,
      body: {
        code: 20500,
        message: 'Internal Server Error',
        more_info: 'https://www.twilio.com/docs/errors/20500',
        status: 500,
      },
    });
    await expect(
      new TwilioAdapter({ kind: 'twilio_sms' }).send(account('twilio_sms'), reply('+14155550100')),
    ).rejects.toBeInstanceOf(RetryableSendError);
  });

  it('a rate limit (429) is retryable', async () => {
    fake.failNext(twilioError(20429, 'Too Many Requests', 429));
    await expect(
      new TwilioAdapter({ kind: 'twilio_sms' }).send(account('twilio_sms'), reply('+14155550100')),
    ).rejects.toBeInstanceOf(RetryableSendError);
  });

  it('an unreachable provider is retryable', async () => {
    const error = await new TwilioAdapter({ kind: 'twilio_sms' })
      .send(account('twilio_sms', { apiBaseUrl: 'http://127.0.0.1:1' }), reply('+14155550100'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect((error as RetryableSendError).code).toBe('network');
  });

  it('after an outage the next attempt goes through', async () => {
    fake.failNext({
      status: 503,
      body: { code: 20503, message: 'Service Unavailable', more_info: '', status: 503 },
    });
    const adapter = new TwilioAdapter({ kind: 'twilio_sms' });
    await expect(adapter.send(account('twilio_sms'), reply('+14155550100'))).rejects.toBeInstanceOf(
      RetryableSendError,
    );
    await expect(adapter.send(account('twilio_sms'), reply('+14155550100'))).resolves.toMatchObject({
      providerMessageId: expect.stringMatching(/^SM/),
    });
    expect(fake.sent).toHaveLength(1);
  });
});

describe('admin "test" action and MMS media', () => {
  it('reports the account when the credentials work', async () => {
    await expect(
      new TwilioAdapter({ kind: 'twilio_sms' }).testConnection(account('twilio_sms')),
    ).resolves.toEqual({
      ok: true,
      friendlyName: 'Switchboard test account',
      status: 'active',
    });
  });

  it('reports wrong credentials in plain words', async () => {
    const result = await new TwilioAdapter({ kind: 'twilio_sms' }).testConnection(
      account('twilio_sms', { authToken: 'wrong' }),
    );
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('auth token') });
  });

  it('downloads the media of an inbound MMS with the account credentials', async () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const url = fake.addMedia('image/jpeg', photo);
    const inbound = normalizeTwilioInbound(
      twilioInboundParams({
        from: '+14155550100',
        to: '+14155550199',
        media: [{ url, contentType: 'image/jpeg' }],
      }),
      { channelAccountId: 'acct-1' },
    );
    const downloaded = await downloadTwilioMedia(inbound.media[0], {
      accountSid: fake.accountSid,
      authToken: fake.authToken,
    });
    expect(downloaded).toEqual({
      filename: inbound.media[0].filename,
      contentType: 'image/jpeg',
      bytes: photo,
    });
    await expect(
      downloadTwilioMedia(inbound.media[0], { accountSid: fake.accountSid, authToken: 'wrong' }),
    ).rejects.toThrow(/HTTP 401/);
  });
});
