import { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from '../business-calendar.js';
import { InvalidCalendarError, validateCalendar, type BusinessCalendar } from '../calendar-validation.js';
import { CalendarNeverOpensError } from '../open-intervals.js';
import { at, berlinOffice, HOUR, MINUTE, wall, weekdays } from './fixtures.js';

const BER = 'Europe/Berlin';

describe('business hours: what a supervisor sees on the due time', () => {
  it('a ticket opened Friday 17:55 in Berlin with a 1-business-hour target is due Monday 09:55', () => {
    const due = addBusinessTime(berlinOffice, at(BER, '2026-03-27 17:55'), HOUR);
    expect(wall(BER, due)).toBe('2026-03-30 09:55 Mon');
  });

  it('a target that ends exactly at closing time is due at closing, not next morning', () => {
    const due = addBusinessTime(berlinOffice, at(BER, '2026-03-27 17:00'), HOUR);
    expect(wall(BER, due)).toBe('2026-03-27 18:00 Fri');
  });

  it('a ticket arriving at night starts counting at the next opening', () => {
    expect(wall(BER, addBusinessTime(berlinOffice, at(BER, '2026-03-24 23:10'), 30 * MINUTE))).toBe(
      '2026-03-25 09:30 Wed',
    );
    expect(wall(BER, addBusinessTime(berlinOffice, at(BER, '2026-03-24 23:10'), 0))).toBe(
      '2026-03-25 09:00 Wed',
    );
  });

  it('a weekend counts no business time', () => {
    expect(businessTimeBetween(berlinOffice, at(BER, '2026-03-27 18:00'), at(BER, '2026-03-30 09:00'))).toBe(
      0,
    );
    expect(businessTimeBetween(berlinOffice, at(BER, '2026-03-27 17:00'), at(BER, '2026-03-30 10:00'))).toBe(
      2 * HOUR,
    );
  });

  it('the opening instant is open and the closing instant is closed', () => {
    expect(isOpen(berlinOffice, at(BER, '2026-03-30 09:00'))).toBe(true);
    expect(isOpen(berlinOffice, at(BER, '2026-03-30 18:00'))).toBe(false);
    expect(wall(BER, nextOpening(berlinOffice, at(BER, '2026-03-30 18:00')))).toBe('2026-03-31 09:00 Tue');
    expect(wall(BER, nextOpening(berlinOffice, at(BER, '2026-03-30 12:34')))).toBe('2026-03-30 12:34 Mon');
  });

  it('a lunch break is not business time', () => {
    const cal: BusinessCalendar = {
      timeZone: BER,
      hours: [...weekdays('09:00', '12:00'), ...weekdays('13:00', '17:00')],
      holidays: [],
    };
    expect(wall(BER, addBusinessTime(cal, at(BER, '2026-03-30 11:30'), HOUR))).toBe('2026-03-30 13:30 Mon');
    expect(isOpen(cal, at(BER, '2026-03-30 12:30'))).toBe(false);
    expect(businessTimeBetween(cal, at(BER, '2026-03-30 00:00'), at(BER, '2026-03-31 00:00'))).toBe(7 * HOUR);
  });

  it('overlapping intervals count once', () => {
    const cal: BusinessCalendar = {
      timeZone: BER,
      hours: [
        { day: 1, from: '09:00', to: '13:00' },
        { day: 1, from: '12:00', to: '15:00' },
      ],
      holidays: [],
    };
    expect(businessTimeBetween(cal, at(BER, '2026-03-30 00:00'), at(BER, '2026-03-31 00:00'))).toBe(6 * HOUR);
  });

  it('no calendar means around the clock', () => {
    const start = at(BER, '2026-03-28 23:00');
    expect(addBusinessTime(null, start, 5 * HOUR).getTime()).toBe(start.getTime() + 5 * HOUR);
    expect(businessTimeBetween(undefined, start, new Date(start.getTime() + HOUR))).toBe(HOUR);
    expect(isOpen(null, start)).toBe(true);
    expect(nextOpening(null, start).getTime()).toBe(start.getTime());
  });

  it('measuring backwards gives zero, and a negative duration is refused', () => {
    expect(businessTimeBetween(berlinOffice, at(BER, '2026-03-30 12:00'), at(BER, '2026-03-30 10:00'))).toBe(
      0,
    );
    expect(() => addBusinessTime(berlinOffice, at(BER, '2026-03-30 12:00'), -1)).toThrow(RangeError);
  });
});

describe('holidays', () => {
  it('a holiday closes the whole local day, so the due time moves to the next working day', () => {
    const cal: BusinessCalendar = { ...berlinOffice, holidays: ['2026-12-24', '2026-12-25'] };
    // Wed 23 Dec 17:30 + 1 h: 30 min on Wednesday, then Thu 24 and Fri 25 are closed, weekend, Monday.
    expect(wall(BER, addBusinessTime(cal, at(BER, '2026-12-23 17:30'), HOUR))).toBe('2026-12-28 09:30 Mon');
    expect(isOpen(cal, at(BER, '2026-12-24 10:00'))).toBe(false);
  });

  it('an overnight shift running into a holiday stops at midnight', () => {
    const cal: BusinessCalendar = {
      timeZone: BER,
      hours: [{ day: 4, from: '22:00', to: '06:00' }],
      holidays: ['2026-12-25'],
    };
    expect(businessTimeBetween(cal, at(BER, '2026-12-24 00:00'), at(BER, '2026-12-26 00:00'))).toBe(2 * HOUR);
  });
});

describe('overnight shifts', () => {
  const night: BusinessCalendar = { timeZone: BER, hours: weekdays('22:00', '06:00'), holidays: [] };

  it('a Friday night shift runs into Saturday morning', () => {
    expect(isOpen(night, at(BER, '2026-03-21 05:59'))).toBe(true); // Saturday, from Friday's shift
    expect(isOpen(night, at(BER, '2026-03-21 06:00'))).toBe(false);
    expect(wall(BER, addBusinessTime(night, at(BER, '2026-03-20 21:00'), 9 * HOUR))).toBe(
      '2026-03-23 23:00 Mon',
    );
  });

  it('"22:00"-"00:00" ends at midnight and "00:00"-"24:00" is a whole day', () => {
    const cal: BusinessCalendar = {
      timeZone: BER,
      hours: [
        { day: 1, from: '22:00', to: '00:00' },
        { day: 2, from: '00:00', to: '24:00' },
      ],
      holidays: [],
    };
    const mon = at(BER, '2026-03-23 21:00');
    expect(businessTimeBetween(cal, mon, at(BER, '2026-03-25 00:00'))).toBe(26 * HOUR);
    expect(wall(BER, addBusinessTime(cal, mon, 3 * HOUR))).toBe('2026-03-24 01:00 Tue');
  });
});

describe('daylight saving time', () => {
  const allDay: BusinessCalendar = {
    timeZone: BER,
    hours: weekdays('00:00', '24:00', [1, 2, 3, 4, 5, 6, 7]),
    holidays: [],
  };

  it('the Berlin spring-forward Sunday has 23 business hours, the fall-back Sunday 25', () => {
    expect(businessTimeBetween(allDay, at(BER, '2026-03-29 00:00'), at(BER, '2026-03-30 00:00'))).toBe(
      23 * HOUR,
    );
    expect(businessTimeBetween(allDay, at(BER, '2026-10-25 00:00'), at(BER, '2026-10-26 00:00'))).toBe(
      25 * HOUR,
    );
  });

  it('a night shift across the Berlin spring-forward is an hour shorter and across fall-back an hour longer', () => {
    const sat: BusinessCalendar = {
      timeZone: BER,
      hours: [{ day: 6, from: '22:00', to: '06:00' }],
      holidays: [],
    };
    expect(businessTimeBetween(sat, at(BER, '2026-03-28 00:00'), at(BER, '2026-03-30 00:00'))).toBe(7 * HOUR);
    expect(businessTimeBetween(sat, at(BER, '2026-10-24 00:00'), at(BER, '2026-10-26 00:00'))).toBe(9 * HOUR);
  });

  it('a New York day shift is unaffected by the 2 a.m. change but a night shift is', () => {
    const NY = 'America/New_York';
    const cal: BusinessCalendar = {
      timeZone: NY,
      hours: [
        { day: 7, from: '09:00', to: '17:00' },
        { day: 6, from: '23:00', to: '07:00' },
      ],
      holidays: [],
    };
    expect(businessTimeBetween(cal, at(NY, '2026-03-07 00:00'), at(NY, '2026-03-09 00:00'))).toBe(15 * HOUR);
    expect(businessTimeBetween(cal, at(NY, '2026-10-31 00:00'), at(NY, '2026-11-02 00:00'))).toBe(17 * HOUR);
  });

  it('an opening time that does not exist (inside the spring-forward gap) opens when the clock has jumped past it', () => {
    const cal: BusinessCalendar = {
      timeZone: BER,
      hours: [{ day: 7, from: '02:30', to: '06:00' }],
      holidays: [],
    };
    // RFC 5545: 02:30 that Sunday is read with the winter offset, i.e. 03:30 summer time.
    expect(wall(BER, nextOpening(cal, at(BER, '2026-03-29 01:00')))).toBe('2026-03-29 03:30 Sun');
    expect(businessTimeBetween(cal, at(BER, '2026-03-29 00:00'), at(BER, '2026-03-30 00:00'))).toBe(
      2.5 * HOUR,
    );
  });

  it('an opening time in the repeated fall-back hour is its first occurrence, whatever the server zone', () => {
    const cal: BusinessCalendar = {
      timeZone: BER,
      hours: [{ day: 7, from: '02:30', to: '04:00' }],
      holidays: [],
    };
    // 02:30 CEST (00:30Z) to 04:00 CET (03:00Z): two and a half hours.
    expect(nextOpening(cal, at(BER, '2026-10-25 00:00')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(businessTimeBetween(cal, at(BER, '2026-10-25 00:00'), at(BER, '2026-10-26 00:00'))).toBe(
      2.5 * HOUR,
    );
  });

  it('Sydney changes in April and October (southern hemisphere)', () => {
    const SYD = 'Australia/Sydney';
    const cal: BusinessCalendar = { timeZone: SYD, hours: weekdays('00:00', '24:00', [7]), holidays: [] };
    expect(businessTimeBetween(cal, at(SYD, '2026-04-05 00:00'), at(SYD, '2026-04-06 00:00'))).toBe(
      25 * HOUR,
    );
    expect(businessTimeBetween(cal, at(SYD, '2026-10-04 00:00'), at(SYD, '2026-10-05 00:00'))).toBe(
      23 * HOUR,
    );
  });
});

describe('calendar validation', () => {
  it('explains every mistake in terms an admin can act on', () => {
    const errors = validateCalendar({
      timeZone: 'Europe/Berlinn',
      hours: [
        { day: 0, from: '9:00', to: '25:00' },
        { day: 1, from: '10:00', to: '10:00' },
      ],
      holidays: ['2026-02-30', 'tomorrow'],
    });
    expect(errors).toEqual([
      'timeZone "Europe/Berlinn" is not a known IANA time zone (e.g. "Europe/Berlin")',
      'hours[0].day 0 must be an ISO weekday 1-7 (1 = Monday)',
      'hours[0].from "9:00" must be "HH:MM" between 00:00 and 23:59',
      'hours[0].to "25:00" must be "HH:MM" between 00:00 and 24:00',
      'hours[1] opens and closes at 10:00: use "00:00"-"24:00" for a whole day',
      'holidays[0] "2026-02-30" is not a real date in "YYYY-MM-DD" form',
      'holidays[1] "tomorrow" is not a real date in "YYYY-MM-DD" form',
    ]);
    expect(validateCalendar(berlinOffice)).toEqual([]);
  });

  it('a calendar without opening hours is refused instead of looping forever', () => {
    const empty: BusinessCalendar = { timeZone: BER, hours: [], holidays: [] };
    expect(() => addBusinessTime(empty, new Date(), HOUR)).toThrow(InvalidCalendarError);
    expect(() => addBusinessTime(empty, new Date(), HOUR)).toThrow(/at least one opening interval/);
  });

  it('a calendar that never opens (its only day always a holiday) fails with a clear error', () => {
    // Open only on Mondays, and every Monday for four years is a holiday.
    const mondays: string[] = [];
    for (
      let t = at('UTC', '2026-01-05 00:00').getTime();
      t < at('UTC', '2030-01-01 00:00').getTime();
      t += 7 * 24 * HOUR
    ) {
      mondays.push(new Date(t).toISOString().slice(0, 10));
    }
    const cal: BusinessCalendar = {
      timeZone: 'UTC',
      hours: [{ day: 1, from: '09:00', to: '10:00' }],
      holidays: mondays,
    };
    expect(() => addBusinessTime(cal, at('UTC', '2026-01-01 00:00'), HOUR)).toThrow(CalendarNeverOpensError);
    // A bounded measurement over closed time is simply zero.
    expect(businessTimeBetween(cal, at('UTC', '2026-01-01 00:00'), at('UTC', '2026-06-01 00:00'))).toBe(0);
  });
});
