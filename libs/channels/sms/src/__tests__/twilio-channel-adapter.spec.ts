import type { ChannelAccountRef } from '@switchboard/channel-kit';
import { TwilioChannelAdapter } from '../twilio-channel.adapter.js';

// What the core asks the adapter instead of branching on the account kind: the reply window,
// the approved templates and the status callbacks, read from plain (credential-free) config.
const account = (
  kind: 'twilio_sms' | 'twilio_whatsapp',
  config: Record<string, unknown> = {},
): ChannelAccountRef => ({ id: 'acc-1', kind, name: 'Line', config });
const sms = new TwilioChannelAdapter({ kind: 'twilio_sms' });
const whatsapp = new TwilioChannelAdapter({ kind: 'twilio_whatsapp' });
const now = new Date('2025-03-11T11:00:00Z');

describe('the reply window the Twilio adapters report', () => {
  it('WhatsApp allows free text until 24 hours after the customer last wrote', () => {
    expect(whatsapp.replyWindow(account('twilio_whatsapp'), new Date('2025-03-10T12:00:00Z'), now)).toEqual({
      freeFormUntil: new Date('2025-03-11T12:00:00Z'),
    });
  });

  it('WhatsApp allows no free text once the window closed, or when the customer never wrote', () => {
    expect(whatsapp.replyWindow(account('twilio_whatsapp'), new Date('2025-03-10T10:00:00Z'), now)).toEqual({
      freeFormUntil: null,
    });
    expect(whatsapp.replyWindow(account('twilio_whatsapp'), null, now)).toEqual({ freeFormUntil: null });
  });

  it('SMS has no window at all', () => {
    expect(sms.replyWindow(account('twilio_sms'), null, now)).toBeNull();
  });
});

describe('the approved templates the Twilio adapters offer', () => {
  const hello = { contentSid: 'HX' + 'a'.repeat(32), name: 'Hello', variables: ['1'] };

  it('WhatsApp lists the templates configured on the account, leaving out broken entries', () => {
    expect(
      whatsapp.replyTemplates(account('twilio_whatsapp', { templates: [hello, { name: 'no sid' }] })),
    ).toEqual([hello]);
    expect(whatsapp.replyTemplates(account('twilio_whatsapp'))).toEqual([]);
  });

  it('SMS sends no templates', () => {
    expect(sms.replyTemplates(account('twilio_sms', { templates: [hello] }))).toBeNull();
  });
});

describe('Twilio status callbacks in the kit shape', () => {
  it('reads a failed delivery with the reason an agent sees', () => {
    const sid = 'SM' + 'd'.repeat(32);
    expect(
      sms.parseDeliveryStatus('acc-1', {
        MessageSid: sid,
        MessageStatus: 'undelivered',
        ErrorCode: '30006',
        From: '+14155550199',
      }),
    ).toEqual([
      {
        channelAccountId: 'acc-1',
        providerMessageId: sid,
        state: 'undelivered',
        errorCode: '30006',
        reason: expect.stringContaining('landline'),
      },
    ]);
  });

  it('reports nothing for an inbound message on the same URL', () => {
    expect(sms.parseDeliveryStatus('acc-1', { MessageSid: 'SM1', Body: 'hi', From: '+14155550100' })).toEqual(
      [],
    );
  });

  it('asks the core to hold callbacks that overtake the send', () => {
    expect(whatsapp.earlyStatusProvider).toBe('twilio');
  });
});

describe('which customers the Twilio adapters can write to', () => {
  it('both reach phone numbers; only SMS may write first, WhatsApp needs the customer to have written', () => {
    expect(sms.addresses).toEqual({ identityKind: 'phone', anyAddress: true });
    expect(whatsapp.addresses).toEqual({ identityKind: 'phone', anyAddress: false });
  });
});
