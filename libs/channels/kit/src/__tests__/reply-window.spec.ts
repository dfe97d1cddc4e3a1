import { replyWindowAfter } from '../reply-window.js';

const HOUR = 60 * 60 * 1000;
const now = new Date('2026-03-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * HOUR);

describe('the free-form reply window a customer message opens', () => {
  it.each([
    ['never wrote', null, null],
    ['wrote an hour ago', hoursAgo(1), '2026-03-02T11:00:00.000Z'],
    ['wrote just under a day ago', hoursAgo(23.5), '2026-03-01T12:30:00.000Z'],
    ['wrote exactly a day ago', hoursAgo(24), null],
    ['wrote two days ago', hoursAgo(48), null],
  ])('a 24-hour window when the customer %s', (_case, last, until) => {
    expect(replyWindowAfter(last, 24 * HOUR, now).freeFormUntil?.toISOString() ?? null).toBe(until);
  });
});
