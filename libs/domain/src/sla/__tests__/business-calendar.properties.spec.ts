import fc from 'fast-check';
import { TZDate, tzOffset, tzScan } from '@date-fns/tz';
import {
  addBusinessTime,
  businessTimeBetween,
  isOpen,
  nextOpening,
  subtractBusinessTime,
} from '../business-calendar.js';
import type { BusinessCalendar, IsoWeekday, OpeningInterval } from '../calendar-validation.js';
import {
  addDays,
  formatLocalDate,
  isoWeekday,
  localDateOf,
  localInstant,
  parseLocalDate,
} from '../local-time.js';
import { HOUR } from './fixtures.js';

/**
 * Properties of the calendar arithmetic over random calendars, biased towards the days clocks
 * change. Definitions under test:
 * - open time is a union of half-open spans [opening, closing);
 * - addBusinessTime(c, s, d) for d > 0 is the earliest instant r with exactly d of open time in
 *   [s, r): r therefore has open time just before it (it is open, or exactly a closing time);
 *   for d = 0 it is nextOpening(s).
 */

const RUNS = { numRuns: 200 };
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'UTC',
] as const;
const RANGE_START = Date.UTC(2026, 0, 1);
const RANGE_END = Date.UTC(2028, 0, 1);

/** Every offset change of each zone in 2026-2027, to aim instants at. */
const TRANSITIONS: Record<string, number[]> = Object.fromEntries(
  ZONES.map((z) => [
    z,
    tzScan(z, { start: new Date(RANGE_START), end: new Date(RANGE_END) }).map((c) => c.date.getTime()),
  ]),
);

const clock = fc.oneof(
  fc.integer({ min: 0, max: 95 }).map((q) => q * 15), // quarter hours hit 02:00, 02:30, 03:00 changes
  fc.integer({ min: 0, max: 1439 }),
);
const interval: fc.Arbitrary<OpeningInterval> = fc
  .record({ day: fc.integer({ min: 1, max: 7 }), from: clock, to: fc.oneof(clock, fc.constant(1440)) })
  .filter((i) => i.from !== i.to)
  .map((i) => ({ day: i.day as IsoWeekday, from: hhmm(i.from), to: hhmm(i.to) }));
const localDate = fc
  .integer({ min: 0, max: 729 })
  .map((n) => formatLocalDate(addDays({ year: 2026, month: 1, day: 1 }, n)));

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function calendarArb(
  hours: fc.Arbitrary<OpeningInterval[]>,
  holidays = fc.array(localDate, { maxLength: 25 }),
): fc.Arbitrary<BusinessCalendar> {
  return fc.record({ timeZone: fc.constantFrom(...ZONES), hours, holidays });
}
const anyCalendar = calendarArb(fc.array(interval, { minLength: 1, maxLength: 6 }));

/** An instant in 2026-2027, half of the time within three days of one of the zone's changes. */
function instantIn(zone: string): fc.Arbitrary<Date> {
  const uniform = fc.integer({ min: RANGE_START, max: RANGE_END });
  const changes = TRANSITIONS[zone];
  if (changes.length === 0) return uniform.map((t) => new Date(t));
  const nearChange = fc
    .tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * 24 * HOUR, max: 3 * 24 * HOUR }))
    .map(([t, d]) => t + d);
  return fc.oneof(uniform, nearChange).map((t) => new Date(t));
}

/** Up to three days of business time, sometimes whole minutes, sometimes to the millisecond. */
const duration = fc.oneof(
  fc.integer({ min: 0, max: 3 * 24 * 60 }).map((m) => m * 60_000),
  fc.integer({ min: 0, max: 3 * 24 * HOUR }),
);

const calendarStartDuration = anyCalendar.chain((cal) =>
  fc.tuple(fc.constant(cal), instantIn(cal.timeZone), duration),
);

describe('business-time properties (random calendars, DST days, holidays, overnight shifts)', () => {
  it('adding business time then measuring it gives back the same duration', () => {
    fc.assert(
      fc.property(calendarStartDuration, ([cal, start, d]) => {
        const due = addBusinessTime(cal, start, d);
        expect(businessTimeBetween(cal, start, due)).toBe(d);
        expect(businessTimeBetween(cal, nextOpening(cal, start), due)).toBe(d);
      }),
      RUNS,
    );
  });

  it('counting business time back gives the latest start that is at least that old', () => {
    fc.assert(
      fc.property(calendarStartDuration, ([cal, end, d]) => {
        const from = subtractBusinessTime(cal, end, d);
        expect(businessTimeBetween(cal, from, end)).toBeGreaterThanOrEqual(d);
        expect(businessTimeBetween(cal, new Date(from.getTime() + 1), end)).toBeLessThan(d || 1);
      }),
      { numRuns: 100 },
    );
  });

  it('a due time never falls inside closed hours: it is open or exactly a closing time, and never early', () => {
    fc.assert(
      fc.property(calendarStartDuration, ([cal, start, d]) => {
        const due = addBusinessTime(cal, start, d);
        if (d === 0) {
          expect(due.getTime()).toBe(nextOpening(cal, start).getTime());
          expect(isOpen(cal, due)).toBe(true);
        } else {
          const justBefore = new Date(due.getTime() - 1);
          expect(isOpen(cal, justBefore)).toBe(true);
          expect(businessTimeBetween(cal, start, justBefore)).toBe(d - 1);
        }
      }),
      RUNS,
    );
  });

  it('a due time is never on a holiday', () => {
    fc.assert(
      fc.property(calendarStartDuration, ([cal, start, d]) => {
        fc.pre(d > 0);
        const lastOpenMs = addBusinessTime(cal, start, d).getTime() - 1;
        expect(cal.holidays).not.toContain(formatLocalDate(localDateOf(cal.timeZone, lastOpenMs)));
      }),
      RUNS,
    );
  });

  it('holidays have no business time at all', () => {
    const withHoliday = calendarArb(
      fc.array(interval, { minLength: 1, maxLength: 6 }),
      fc.array(localDate, { minLength: 1, maxLength: 10 }),
    );
    fc.assert(
      fc.property(withHoliday, (cal) => {
        for (const h of cal.holidays) {
          const day = parseLocalDate(h)!;
          const from = new Date(localInstant(cal.timeZone, day, 0));
          const to = new Date(localInstant(cal.timeZone, addDays(day, 1), 0));
          expect(businessTimeBetween(cal, from, to)).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('two steps add up to one step, and a longer target is never due earlier', () => {
    fc.assert(
      fc.property(calendarStartDuration, duration, ([cal, start, d1], d2) => {
        const first = addBusinessTime(cal, start, d1);
        if (d2 > 0)
          expect(addBusinessTime(cal, first, d2).getTime()).toBe(
            addBusinessTime(cal, start, d1 + d2).getTime(),
          );
        expect(addBusinessTime(cal, start, Math.max(d1, d2)).getTime()).toBeGreaterThanOrEqual(
          first.getTime(),
        );
      }),
      RUNS,
    );
  });

  it('measuring splits at any point: [a,b) + [b,c) = [a,c)', () => {
    const abc = anyCalendar.chain((cal) =>
      fc.tuple(
        fc.constant(cal),
        fc
          .array(instantIn(cal.timeZone), { minLength: 3, maxLength: 3 })
          .map((ts) => ts.sort((x, y) => x.getTime() - y.getTime())),
      ),
    );
    fc.assert(
      fc.property(abc, ([cal, [a, b, c]]) => {
        fc.pre(c.getTime() - a.getTime() < 60 * 24 * HOUR);
        expect(businessTimeBetween(cal, a, b) + businessTimeBetween(cal, b, c)).toBe(
          businessTimeBetween(cal, a, c),
        );
      }),
      RUNS,
    );
  });

  it('isOpen agrees with reading the wall clock, away from clock changes', () => {
    const calAndInstant = anyCalendar.chain((cal) => fc.tuple(fc.constant(cal), instantIn(cal.timeZone)));
    fc.assert(
      fc.property(calAndInstant, ([cal, t]) => {
        const ms = t.getTime();
        fc.pre(
          tzOffset(cal.timeZone, new Date(ms - 30 * HOUR)) ===
            tzOffset(cal.timeZone, new Date(ms + 30 * HOUR)),
        );
        expect(isOpen(cal, t)).toBe(wallClockSaysOpen(cal, ms));
      }),
      RUNS,
    );
  });

  it('a calendar open all day every day is exactly wall-clock time, across every DST change', () => {
    const allDay = fc.constantFrom(...ZONES).map((timeZone): BusinessCalendar => ({
      timeZone,
      hours: ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({ day, from: '00:00', to: '24:00' })),
      holidays: [],
    }));
    const input = allDay.chain((cal) => fc.tuple(fc.constant(cal), instantIn(cal.timeZone), duration));
    fc.assert(
      fc.property(input, ([cal, start, d]) => {
        expect(addBusinessTime(cal, start, d).getTime()).toBe(start.getTime() + d);
        expect(isOpen(cal, start)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a 09:00-17:00 day stays eight hours on the days clocks change at night', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney'] as const;
    const input = fc
      .constantFrom(...zones)
      .chain((zone) =>
        fc.tuple(fc.constant(zone), fc.constantFrom(...TRANSITIONS[zone]), fc.integer({ min: -1, max: 1 })),
      );
    fc.assert(
      fc.property(input, ([timeZone, change, shift]) => {
        const day = addDays(localDateOf(timeZone, change), shift);
        const cal: BusinessCalendar = {
          timeZone,
          hours: [{ day: isoWeekday(day) as IsoWeekday, from: '09:00', to: '17:00' }],
          holidays: [],
        };
        const from = new Date(localInstant(timeZone, day, 0));
        const to = new Date(localInstant(timeZone, addDays(day, 1), 0));
        expect(businessTimeBetween(cal, from, to)).toBe(8 * HOUR);
      }),
      RUNS,
    );
  });
});

/** Independent oracle: the wall time at `ms` inside an interval of that weekday (or of yesterday's overnight shift). */
function wallClockSaysOpen(cal: BusinessCalendar, ms: number): boolean {
  const z = new TZDate(ms, cal.timeZone);
  const today = { year: z.getFullYear(), month: z.getMonth() + 1, day: z.getDate() };
  const yesterday = addDays(today, -1);
  const minute = z.getHours() * 60 + z.getMinutes();
  const holiday = (d: typeof today) => cal.holidays.includes(formatLocalDate(d));
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  if (holiday(today)) return false;
  return cal.hours.some((h) => {
    const from = toMin(h.from);
    const to = toMin(h.to);
    if (h.day === isoWeekday(today) && from <= minute && (to > from ? minute < to : true)) return true;
    return h.day === isoWeekday(yesterday) && to < from && minute < to && !holiday(yesterday);
  });
}
