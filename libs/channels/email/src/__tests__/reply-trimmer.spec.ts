import { describe, expect, it } from '@jest/globals';
import { trimReply } from '../content/reply-trimmer.js';

describe('trimReply folds quoted history and signatures away', () => {
  it.each([
    [
      'a Gmail reply ("On … wrote:" wrapped over two lines)',
      'Thanks, that fixed it!\n\nOn Tue, Oct 1, 2024 at 10:00 AM Support Team <\nsupport@example.com> wrote:\n\n> Please restart the printer.\n>\n> Best, Sam\n',
      'Thanks, that fixed it!',
      'On Tue, Oct 1, 2024 at 10:00 AM Support Team < support@example.com> wrote:\n\n> Please restart the printer.\n>\n> Best, Sam',
    ],
    [
      'an Outlook reply (From:/Sent:/To:/Subject: block under a rule)',
      'It still prints blank pages.\n\n________________________________\nFrom: Support Team <support@example.com>\nSent: Tuesday, October 1, 2024 10:00 AM\nTo: Jane Customer <jane@customer.example>\nSubject: RE: Printer broken [#1042]\n\nPlease restart the printer.\n',
      'It still prints blank pages.',
      '________________________________\nFrom: Support Team <support@example.com>\nSent: Tuesday, October 1, 2024 10:00 AM\nTo: Jane Customer <jane@customer.example>\nSubject: RE: Printer broken [#1042]\n\nPlease restart the printer.',
    ],
    [
      'an Outlook reply without a rule',
      'Done.\n\nFrom: Support Team <support@example.com>\nSent: Tuesday, October 1, 2024 10:00 AM\nTo: Jane <jane@customer.example>\nSubject: Printer broken\n\nPlease restart it.',
      'Done.',
      'From: Support Team <support@example.com>\nSent: Tuesday, October 1, 2024 10:00 AM\nTo: Jane <jane@customer.example>\nSubject: Printer broken\n\nPlease restart it.',
    ],
    [
      'an Apple Mail reply with its mobile signature',
      'Works now.\n\nSent from my iPhone\n\n> On 1 Oct 2024, at 10:00, Support Team <support@example.com> wrote:\n>\n> Please restart the printer.',
      'Works now.',
      'Sent from my iPhone\n\n> On 1 Oct 2024, at 10:00, Support Team <support@example.com> wrote:\n>\n> Please restart the printer.',
    ],
    [
      'a Thunderbird reply with "> " quoting',
      'On 01/10/2024 10:00, Support Team wrote:\n> Please restart the printer.\n> And tell us.\n\nI restarted it twice.',
      'I restarted it twice.',
      'On 01/10/2024 10:00, Support Team wrote:\n> Please restart the printer.\n> And tell us.',
    ],
    [
      'a "-- " signature',
      'Can you call me back?\n\n-- \nJane Customer\nACME Corp, +1 555 0100',
      'Can you call me back?',
      '--\nJane Customer\nACME Corp, +1 555 0100',
    ],
    [
      'a plain message',
      'Hello,\n\nmy printer is broken.\n\nJane',
      'Hello,\n\nmy printer is broken.\n\nJane',
      '',
    ],
  ])('%s', (_name, body, visible, elided) => {
    const result = trimReply(body);
    expect(result.visible).toBe(visible);
    expect(result.elided.replace(/^-- $/m, '--')).toBe(elided);
  });

  it('keeps inline answers between quotes visible', () => {
    const body =
      'On Tue, Oct 1, 2024 at 10:00 AM Sam wrote:\n> Which model?\nLaserJet 4\n> Which driver?\nthe default one';
    expect(trimReply(body).visible).toContain('LaserJet 4');
    expect(trimReply(body).visible).toContain('the default one');
  });

  it('handles CRLF line endings and empty bodies', () => {
    expect(trimReply('Yes.\r\n\r\n> old\r\n')).toEqual({ visible: 'Yes.', elided: '> old' });
    expect(trimReply('   \n ')).toEqual({ visible: '', elided: '' });
    expect(trimReply(undefined)).toEqual({ visible: '', elided: '' });
  });

  it('a --- line inside a code block is not a signature delimiter', () => {
    const body = 'Config:\n```\nkey: 1\n---\nother: 2\n```\nThanks';
    expect(trimReply(body).visible).toBe(body);
  });
});
