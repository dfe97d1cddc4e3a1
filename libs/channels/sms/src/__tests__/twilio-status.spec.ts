import { canSendFreeForm, whatsAppReplyWindow } from '../whatsapp-window.js';
import { classifyTwilioWebhook, parseTwilioStatusCallback } from '../twilio-status.js';
import { twilioInboundParams } from '@switchboard/test-support-providers';

const callback = (status: string, extra: Record<string, string> = {}) => ({
  MessageSid: 'SM' + 'd'.repeat(32),
  SmsSid: 'SM' + 'd'.repeat(32),
  AccountSid: 'AC' + 'a'.repeat(32),
  From: '+14155550199',
  To: '+14155550100',
  MessageStatus: status,
  SmsStatus: status,
  ApiVersion: '2010-04-01',
  ...extra,
});

describe('Twilio status callbacks move the delivery state an agent sees', () => {
  it.each([
    ['accepted', 'queued'],
    ['queued', 'queued'],
    ['sending', 'sending'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
  ])('%s → %s', (status, state) => {
    expect(parseTwilioStatusCallback(callback(status))).toMatchObject({
      providerMessageId: 'SM' + 'd'.repeat(32),
      state,
      providerStatus: status,
    });
  });

  it.each([
    ['21211', 'not a valid phone number'],
    ['21610', 'replied STOP'],
    ['30003', 'unreachable'],
    ['30005', 'Unknown destination'],
    ['30006', 'landline'],
    ['30007', 'spam'],
    ['63016', '24-hour WhatsApp window'],
  ])('a failure with error %s tells the agent why in plain words', (code, words) => {
    const update = parseTwilioStatusCallback(callback('undelivered', { ErrorCode: code }));
    expect(update).toMatchObject({ state: 'undelivered', errorCode: code });
    expect(update!.reason).toContain(words);
  });

  it('an unknown error code still shows the code', () => {
    expect(parseTwilioStatusCallback(callback('failed', { ErrorCode: '99999' }))!.reason).toContain('99999');
  });

  it('a WhatsApp status is marked as WhatsApp', () => {
    expect(parseTwilioStatusCallback(callback('read', { From: 'whatsapp:+14155238886' }))!.channel).toBe(
      'whatsapp',
    );
  });

  it('tells status callbacks and inbound messages apart on one webhook URL', () => {
    expect(classifyTwilioWebhook(callback('delivered'))).toBe('status');
    const inbound = twilioInboundParams({ from: '+14155550100', to: '+14155550199', body: 'hi' });
    expect(classifyTwilioWebhook(inbound)).toBe('message');
    expect(parseTwilioStatusCallback(inbound)).toBeNull();
  });
});

describe('the WhatsApp 24-hour window', () => {
  const lastMessage = new Date('2025-03-10T12:00:00Z');
  it.each([
    ['a minute later', '2025-03-10T12:01:00Z', true],
    ['23h59m later', '2025-03-11T11:59:00Z', true],
    ['exactly 24h later', '2025-03-11T12:00:00Z', false],
    ['two days later', '2025-03-12T12:00:00Z', false],
  ])('free-form %s: %s', (_label, now, allowed) => {
    expect(canSendFreeForm(lastMessage, new Date(now))).toBe(allowed);
  });

  it('a customer who never wrote cannot get a free-form message', () => {
    expect(canSendFreeForm(null, new Date())).toBe(false);
  });

  it('says when the window closes', () => {
    expect(whatsAppReplyWindow(lastMessage, new Date('2025-03-10T12:01:00Z')).freeFormUntil).toEqual(
      new Date('2025-03-11T12:00:00Z'),
    );
  });
});
