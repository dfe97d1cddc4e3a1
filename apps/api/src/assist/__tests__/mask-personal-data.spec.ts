import { maskPersonalData, restoreName } from '../mask-personal-data.js';

const carol = { contactName: 'Carol Ann Danvers', handles: ['carol.d@customer.test', '@carol_tg'] };

describe('masking personal data before it leaves for an AI provider', () => {
  it.each([
    ['an email address', 'write to anna.smith+help@example.co.uk please', 'write to [email] please'],
    ['an international phone number', 'call +49 170 1234567 today', 'call [phone] today'],
    ['a phone number with brackets and dashes', 'my number is (555) 123-4567.', 'my number is [phone].'],
    ['the whole name', 'Carol Ann Danvers wrote in', '[customer] wrote in'],
    ['a part of the name, in any case', 'thanks carol!', 'thanks [customer]!'],
    ["the contact's own handle", 'DM me at @carol_tg', 'DM me at [contact handle]'],
    [
      "the contact's own address before the generic email rule",
      'from carol.d@customer.test',
      'from [contact handle]',
    ],
  ])('masks %s', (_what, input, expected) => {
    expect(maskPersonalData(input, carol)).toBe(expected);
  });

  it.each([
    ['a ticket number', 'about ticket #1042'],
    ['a price', 'I paid 49.99 EUR'],
    ['a date', 'since 2026-11-03'],
    ['a word that merely contains a name part', 'Carolina is a state'],
    ['a two-letter name part', 'Al said so'],
    ['a written date', 'since 03.11.2026'],
  ])('leaves %s alone', (_what, input) => {
    expect(maskPersonalData(input, { contactName: 'Al Carol', handles: [] })).toBe(input);
  });

  it('gives the name back in a suggestion meant for the agent', () => {
    expect(restoreName('Hello [customer], thanks.', 'Carol Danvers')).toBe('Hello Carol Danvers, thanks.');
    expect(restoreName('Hello [customer].', null)).toBe('Hello [customer].');
  });
});
