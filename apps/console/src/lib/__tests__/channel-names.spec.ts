import { describe, expect, it } from '@jest/globals';
import { CHANNEL_KINDS } from '@switchboard/domain/vocabulary';
import {
  CHANNEL_OPTIONS,
  channelAccountKindName,
  channelLabel,
  channelName,
  contactDisplayName,
  identityLabel,
} from '../channel-names';

const VISITOR_ADDRESS = '975922c3-1b7a-4c43-9a55-2f0d8d1e0a11:visitor:90a9921a-6c1e-4f7e-8d5b-1a2b3c4d5e6f';

describe('the one table of channel names', () => {
  it.each(CHANNEL_KINDS)('names %s in words, never by its code', (kind) => {
    const { name, badge } = channelLabel(kind);
    expect(name).not.toBe(kind);
    expect(name).not.toMatch(/_/);
    expect(badge.length).toBeGreaterThan(0);
  });

  it('calls the web chat "Web chat" everywhere and the API channel "API"', () => {
    expect(channelName('web_chat')).toBe('Web chat');
    expect(channelLabel('web_chat').badge).toBe('Chat');
    expect(channelName('api')).toBe('API');
    expect(channelName('twilio_sms')).toBe('SMS');
  });

  it('names the provider only in the admin, where the account is set up there', () => {
    expect(channelAccountKindName('twilio_whatsapp')).toBe('WhatsApp (Twilio)');
    expect(channelAccountKindName('web_chat')).toBe('Web chat');
  });

  it('offers every channel kind to filters, by name', () => {
    expect(CHANNEL_OPTIONS.map((o) => o.kind)).toEqual([...CHANNEL_KINDS]);
    expect(CHANNEL_OPTIONS.find((o) => o.kind === 'web_chat')?.name).toBe('Web chat');
  });

  it('an unknown kind is "Other channel", not its code', () => {
    expect(channelName('carrier_pigeon')).toBe('Other channel');
    expect(channelName('phone')).toBe('Phone');
  });

  it('shows a chat visitor as "Web visitor", never the internal address', () => {
    expect(identityLabel({ kind: 'web_chat', address: VISITOR_ADDRESS })).toBe('Web visitor');
    expect(identityLabel({ kind: 'web_chat', address: VISITOR_ADDRESS }, 'ann@shop.test')).toBe(
      'Web visitor (ann@shop.test)',
    );
    expect(identityLabel({ kind: 'email', address: 'ann@shop.test' })).toBe('ann@shop.test');
    expect(contactDisplayName(VISITOR_ADDRESS, 'web_chat')).toBe('Web visitor');
    expect(contactDisplayName(null, 'web_chat')).toBe('Web visitor');
    expect(contactDisplayName('Ann Visitor', 'web_chat')).toBe('Ann Visitor');
    expect(contactDisplayName(null, 'email')).toBe('Unknown contact');
  });
});
