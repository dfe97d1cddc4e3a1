import { twilioInboundParams } from '@switchboard/test-support-providers';
import { classifyOptOutKeyword } from '../opt-out.js';
import { normalizePhone } from '../phone.js';
import { normalizeTwilioInbound, TwilioPayloadError } from '../twilio-inbound.js';

const channelAccountId = 'acct-twilio-1';

describe('one customer is one phone number across SMS and WhatsApp', () => {
  it('an SMS number and the same person on WhatsApp normalize equal', () => {
    const sms = normalizeTwilioInbound(
      twilioInboundParams({ from: '+14155550100', to: '+14155550199', body: 'hi' }),
      { channelAccountId },
    );
    const whatsapp = normalizeTwilioInbound(
      twilioInboundParams({
        from: 'whatsapp:+14155550100',
        to: 'whatsapp:+14155238886',
        body: 'hi',
        profileName: 'Ada',
      }),
      { channelAccountId },
    );
    // The carrier vouches for the number, so either channel may link to the contact who owns it.
    expect(sms.message.from).toEqual({ kind: 'phone', address: '+14155550100', verified: true });
    expect(whatsapp.message.from).toEqual({
      kind: 'phone',
      address: '+14155550100',
      name: 'Ada',
      verified: true,
    });
    expect(sms.channel).toBe('sms');
    expect(whatsapp.channel).toBe('whatsapp');
    expect(whatsapp.message.meta).toMatchObject({
      channel: 'whatsapp',
      waId: '14155550100',
      to: '+14155238886',
    });
  });

  it.each([
    ['whatsapp:+14155550100', undefined, '+14155550100'],
    ['+1 (415) 555-0100', undefined, '+14155550100'],
    ['(415) 555-0100', 'US', '+14155550100'],
    ['07700 900123', 'GB', '+447700900123'],
    ['+44 7700 900123', undefined, '+447700900123'],
    ['447700900123', undefined, '+447700900123'],
    ['0049 30 1234567', 'DE', '+49301234567'],
  ] as const)('%s (default country %s) → %s', (raw, country, expected) => {
    expect(normalizePhone(raw, country)).toBe(expected);
  });

  it.each(['', 'hello', '+1', 'whatsapp:'])('"%s" is not a phone number', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('an inbound Twilio message becomes an InboundMessage', () => {
  it('uses MessageSid as the dedupe key and keeps the text', () => {
    const params = twilioInboundParams({
      from: '+14155550100',
      to: '+14155550199',
      body: 'Where is my order?',
      messageSid: 'SM' + 'b'.repeat(32),
    });
    const { message, optOut, media } = normalizeTwilioInbound(params, { channelAccountId });
    expect(message).toMatchObject({
      channelAccountId,
      externalId: 'SM' + 'b'.repeat(32),
      text: 'Where is my order?',
    });
    expect(message.meta).toMatchObject({ channel: 'sms', provider: 'twilio', to: '+14155550199' });
    expect(optOut).toBeNull();
    expect(media).toEqual([]);
  });

  it('lists MMS media to download, with file names from their content types', () => {
    const params = twilioInboundParams({
      from: '+14155550100',
      to: '+14155550199',
      body: 'photo of the damage',
      messageSid: 'MM' + 'c'.repeat(32),
      media: [
        {
          url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
          contentType: 'image/jpeg',
        },
        {
          url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2',
          contentType: 'application/pdf',
        },
      ],
    });
    const { media } = normalizeTwilioInbound(params, { channelAccountId });
    expect(media).toEqual([
      {
        url: expect.stringContaining('/Media/ME1'),
        contentType: 'image/jpeg',
        filename: `MM${'c'.repeat(32)}-0.jpg`,
      },
      {
        url: expect.stringContaining('/Media/ME2'),
        contentType: 'application/pdf',
        filename: `MM${'c'.repeat(32)}-1.pdf`,
      },
    ]);
  });

  it('keeps the Messaging Service the message came through', () => {
    const params = twilioInboundParams({
      from: '+14155550100',
      to: '+14155550123',
      body: 'x',
      messagingServiceSid: 'MG' + '2'.repeat(32),
    });
    expect(normalizeTwilioInbound(params, { channelAccountId }).message.meta).toMatchObject({
      messagingServiceSid: 'MG' + '2'.repeat(32),
    });
  });

  it('keeps a short-code sender as written rather than dropping the message', () => {
    const params = twilioInboundParams({ from: '72345', to: '+14155550199', body: 'x' });
    expect(normalizeTwilioInbound(params, { channelAccountId }).message.from.address).toBe('72345');
  });

  it('refuses a payload without MessageSid', () => {
    expect(() => normalizeTwilioInbound({ From: '+14155550100', Body: 'x' }, { channelAccountId })).toThrow(
      TwilioPayloadError,
    );
  });
});

describe('STOP, START and HELP replies are recognised', () => {
  it.each([
    ['STOP', 'opt_out'],
    ['stop', 'opt_out'],
    ['  Stop  ', 'opt_out'],
    ['STOPALL', 'opt_out'],
    ['UNSUBSCRIBE', 'opt_out'],
    ['CANCEL', 'opt_out'],
    ['END', 'opt_out'],
    ['QUIT', 'opt_out'],
    ['START', 'opt_in'],
    ['YES', 'opt_in'],
    ['unstop', 'opt_in'],
    ['HELP', 'help'],
    ['please stop texting me', null],
    ['stopped by the store', null],
    ['', null],
  ] as const)('"%s" → %s', (text, expected) => {
    expect(classifyOptOutKeyword(text)).toBe(expected);
  });

  it('flags the inbound message so the core can record the opt-out on the contact', () => {
    const result = normalizeTwilioInbound(
      twilioInboundParams({ from: '+14155550100', to: '+14155550199', body: 'STOP' }),
      { channelAccountId },
    );
    expect(result.optOut).toBe('opt_out');
    expect(result.message.meta).toMatchObject({ optOut: 'opt_out' });
  });
});
