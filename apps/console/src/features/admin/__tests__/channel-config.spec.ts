import { describe, expect, it } from '@jest/globals';
import { weekdayKey } from '../lib/business-hours';
import { buildConfig, buildConfigPatch, initialValues, valuesFromConfig } from '../lib/channel-config';
import { channelKind } from '../lib/channel-kinds';

const email = channelKind('email')!;
const chat = channelKind('web_chat')!;
const whatsapp = channelKind('twilio_whatsapp')!;

const mailbox = {
  address: 'help@shop.test',
  imap: { host: 'imap.shop.test', port: '993', user: 'help', password: 'imap-pw' },
  smtp: { host: 'smtp.shop.test', port: '465' },
};
const typedMailbox = {
  ...initialValues(email),
  address: mailbox.address,
  'imap.host': mailbox.imap.host,
  'imap.user': mailbox.imap.user,
  'imap.password': mailbox.imap.password,
  'smtp.host': mailbox.smtp.host,
};

describe('channel settings as the API receives them', () => {
  it('a new mailbox sends no "More settings" the admin left alone', () => {
    const config = buildConfig(email, typedMailbox);
    expect(Object.keys(config).sort()).toEqual(['address', 'imap', 'smtp']);
  });

  it('organisation domains typed comma separated become a list', () => {
    expect(buildConfig(email, { ...typedMailbox, orgDomains: ' acme.com, acme.de ,' }).orgDomains).toEqual([
      'acme.com',
      'acme.de',
    ]);
  });

  it('acknowledgements are sent as a whole object, with enabled, once any part changes', () => {
    expect(
      buildConfig(email, { ...typedMailbox, 'autoAcknowledge.capPerHour': '5' }).autoAcknowledge,
    ).toEqual({ enabled: false, capPerHour: 5 });
    const before = valuesFromConfig(email, { ...mailbox, autoAcknowledge: { enabled: true, capPerHour: 3 } });
    expect(
      buildConfigPatch(email, before, { ...before, 'autoAcknowledge.expectedResponse': 'within a day' }),
    ).toEqual({
      autoAcknowledge: { enabled: true, capPerHour: 3, expectedResponse: 'within a day' },
    });
  });

  it('business hours: a row per weekday with hours, in the chosen time zone; no rows is around the clock', () => {
    const values = {
      ...initialValues(chat),
      'businessHours.timeZone': 'Europe/Berlin',
      [weekdayKey('businessHours', 1, 'from')]: '09:00',
      [weekdayKey('businessHours', 1, 'to')]: '17:00',
      [weekdayKey('businessHours', 5, 'from')]: '09:00',
      [weekdayKey('businessHours', 5, 'to')]: '13:00',
    };
    expect(buildConfig(chat, values).businessHours).toEqual({
      timeZone: 'Europe/Berlin',
      hours: [
        { day: 1, from: '09:00', to: '17:00' },
        { day: 5, from: '09:00', to: '13:00' },
      ],
      holidays: [],
    });
    expect(buildConfig(chat, initialValues(chat))).not.toHaveProperty('businessHours');
  });

  it('editing business hours keeps the stored holidays; emptying every day removes the calendar', () => {
    const stored = {
      businessHours: {
        timeZone: 'Europe/Berlin',
        hours: [{ day: 2, from: '08:00', to: '16:00' }],
        holidays: ['2026-12-25'],
      },
    };
    const before = valuesFromConfig(chat, stored);
    const later = { ...before, [weekdayKey('businessHours', 2, 'to')]: '18:00' };
    expect(buildConfigPatch(chat, before, later)).toEqual({
      businessHours: {
        timeZone: 'Europe/Berlin',
        hours: [{ day: 2, from: '08:00', to: '18:00' }],
        holidays: ['2026-12-25'],
      },
    });
    const closed = {
      ...before,
      [weekdayKey('businessHours', 2, 'from')]: '',
      [weekdayKey('businessHours', 2, 'to')]: '',
    };
    expect(buildConfigPatch(chat, before, closed)).toEqual({ businessHours: null });
  });

  it('WhatsApp templates are read as JSON; text that is not JSON goes as typed for the API to name', () => {
    const base = { ...initialValues(whatsapp), accountSid: 'AC1', authToken: 't' };
    const templates = [{ contentSid: `HX${'0'.repeat(32)}`, name: 'Order update', variables: ['1'] }];
    expect(buildConfig(whatsapp, { ...base, templates: JSON.stringify(templates) }).templates).toEqual(
      templates,
    );
    expect(buildConfig(whatsapp, { ...base, templates: '[{ oops' }).templates).toBe('[{ oops');
  });

  it('an edit without changes sends nothing, and never an empty credential', () => {
    const before = valuesFromConfig(email, {
      ...mailbox,
      imap: { host: 'imap.shop.test', port: 993, user: 'help' },
    });
    expect(before['imap.password']).toBe('');
    expect(buildConfigPatch(email, before, { ...before })).toEqual({});
  });
});
