import fc from 'fast-check';
import { businessTimeBetween } from '../business-calendar.js';
import { businessTimeIndex } from '../business-time-index.js';
import type { BusinessCalendar } from '../calendar-validation.js';
import { at, berlinOffice, HOUR, weekdays } from './fixtures.js';

const nightShift: BusinessCalendar = {
  timeZone: 'America/New_York',
  hours: [...weekdays('22:00', '06:00', [1, 2, 3, 4, 5]), { day: 6, from: '10:00', to: '14:00' }],
  holidays: ['2026-11-26', '2026-12-25'],
};

describe('businessTimeIndex: business time from a prepared index equals businessTimeBetween', () => {
  it('across a weekend and the spring DST change in Berlin', () => {
    const measure = businessTimeIndex(
      berlinOffice,
      Date.parse('2026-03-01T00:00:00Z'),
      Date.parse('2026-05-01T00:00:00Z'),
    );
    // Friday 16:00 → Monday 10:00 (the clocks went forward on Sunday): 2 h Friday + 1 h Monday.
    expect(
      measure(
        at('Europe/Berlin', '2026-03-27 16:00').getTime(),
        at('Europe/Berlin', '2026-03-30 10:00').getTime(),
      ),
    ).toBe(3 * HOUR);
    expect(measure(5, 5)).toBe(0);
    expect(measure(10, 5)).toBe(0);
  });

  it.each([
    ['Berlin office', berlinOffice],
    ['New York night shift with holidays', nightShift],
    ['around the clock', null],
  ])('%s: any two instants in the window', (_name, calendar) => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const until = Date.parse('2027-01-01T00:00:00Z');
    const measure = businessTimeIndex(calendar, from, until);
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: until }),
        fc.integer({ min: 0, max: 40 * 24 * HOUR }),
        (a, d) => {
          const b = Math.min(until, a + d);
          expect(measure(a, b)).toBe(businessTimeBetween(calendar, new Date(a), new Date(b)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
