import { describe, expect, it } from '@jest/globals';
import { DEFAULT_HOLD_TEMPLATE, HoldBody, renderHoldMessage, renderTemplate } from '../index.js';

describe('renderTemplate', () => {
  it.each([
    ['Hi {{contact.first_name}}', { 'contact.first_name': 'Carla' }, 'Hi Carla'],
    ['#{{ ticket.number }}', { 'ticket.number': '1042' }, '#1042'],
    ['A{{#hold.until}} by {{hold.until}}{{/hold.until}}.', { 'hold.until': 'Fri' }, 'A by Fri.'],
    ['A{{#hold.until}} by {{hold.until}}{{/hold.until}}.', { 'hold.until': '' }, 'A.'],
    ['Keep {{unknown.thing}} visible', {}, 'Keep {{unknown.thing}} visible'],
  ])('%s → %s', (template, values, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });
});

describe('the default hold message', () => {
  it('names the customer, the ticket and the time', () => {
    const text = renderHoldMessage(DEFAULT_HOLD_TEMPLATE, {
      ticket: { number: 1042 },
      contact: { name: 'Carla Marquez' },
      until: '2030-01-02T09:30:00.000Z',
    });
    expect(text).toBe(
      "Hi Carla, your request #1042 is on hold while we work on it. We expect to get back to you by Wednesday, 2 January 2030 at 09:30 UTC. You don't need to write again: we'll update you here.",
    );
  });

  it('writes the time in the language and time zone given', () => {
    const text = renderHoldMessage('Back by {{hold.until}}.', {
      ticket: { number: 1 },
      contact: { name: null },
      until: '2030-01-02T09:30:00.000Z',
      dateFormat: { locale: 'de-DE', timeZone: 'Europe/Berlin' },
    });
    expect(text).toBe('Back by Mittwoch, 2. Januar 2030 um 10:30 MEZ.');
  });

  it('leaves the time out of a hold without an end, and greets a nameless contact', () => {
    const text = renderHoldMessage(DEFAULT_HOLD_TEMPLATE, {
      ticket: { number: 7 },
      contact: { name: null },
      until: null,
    });
    expect(text).toBe(
      "Hi there, your request #7 is on hold while we work on it. You don't need to write again: we'll update you here.",
    );
  });

  it('a hold may carry the edited customer message, which must not be blank', () => {
    const note = { why: 'w', done: 'd', next: 'n' };
    expect(HoldBody.safeParse({ ...note, notifyCustomer: true, customerMessage: 'Edited' }).success).toBe(
      true,
    );
    expect(HoldBody.safeParse({ ...note, customerMessage: '   ' }).success).toBe(false);
  });
});
