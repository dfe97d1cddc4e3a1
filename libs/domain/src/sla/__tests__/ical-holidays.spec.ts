import { holidaysFor, parseIcalHolidays } from '../ical-holidays.js';

const feed = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example//Holidays//EN',
  'BEGIN:VEVENT',
  'UID:1@example',
  'DTSTART;VALUE=DATE:20261225',
  'DTEND;VALUE=DATE:20261227',
  'SUMMARY:Christmas',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:2@example',
  'DTSTART;VALUE=DATE:20260101',
  'SUMMARY:New Year',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:3@example',
  'DTSTART;TZID=Europe/Berlin:20261003T000000',
  'DTEND;TZID=Europe/Berlin:20261004T000000',
  'SUMMARY:Tag der Deutschen',
  '  Einheit',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:4@example',
  'DTSTART:20260430T230000Z',
  'DTEND:20260501T220000Z',
  'SUMMARY:Labour Day (UTC times)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:5@example',
  'DTSTART;VALUE=DATE:20260406',
  'STATUS:CANCELLED',
  'SUMMARY:Cancelled',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20260810',
  'DURATION:P3D',
  'SUMMARY:Company retreat',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('importing holidays from an iCal file', () => {
  it('reads all-day, multi-day (DTEND exclusive), TZID, UTC and DURATION events and skips cancelled ones', () => {
    const { dates, warnings } = parseIcalHolidays(feed, { timeZone: 'Europe/Berlin' });
    expect(dates).toEqual([
      '2026-01-01',
      '2026-05-01',
      '2026-08-10',
      '2026-08-11',
      '2026-08-12',
      '2026-10-03',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(warnings).toEqual([]);
  });

  it('unfolds continuation lines (RFC 5545) and accepts bare LF line ends', () => {
    const ics = 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:2026\n 1224\nSUMMARY:Eve\nEND:VEVENT\n';
    expect(parseIcalHolidays(ics).dates).toEqual(['2026-12-24']);
  });

  it('a UTC event is dated in the calendar zone, so a Berlin midnight is not imported as the day before', () => {
    const ics = 'BEGIN:VEVENT\r\nDTSTART:20261224T230000Z\r\nDTEND:20261225T230000Z\r\nEND:VEVENT';
    expect(parseIcalHolidays(ics, { timeZone: 'Europe/Berlin' }).dates).toEqual(['2026-12-25']);
    expect(parseIcalHolidays(ics).dates).toEqual(['2026-12-24', '2026-12-25']);
  });

  it('tells the admin what it could not import instead of guessing', () => {
    const ics = [
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260704',
      'RRULE:FREQ=YEARLY',
      'SUMMARY:Independence Day',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:next tuesday',
      'SUMMARY:Broken',
      'END:VEVENT',
    ].join('\r\n');
    const { dates, warnings } = parseIcalHolidays(ics);
    expect(dates).toEqual(['2026-07-04']);
    expect(warnings).toEqual([
      'event 1 "Independence Day": recurrence (RRULE) not expanded, only 2026-07-04 imported',
      'event 2 "Broken": skipped, DTSTART "next tuesday" is missing or not a date',
    ]);
  });

  it('an event running for years is capped rather than filling the calendar', () => {
    const ics =
      'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20300101\nSUMMARY:Oops\nEND:VEVENT';
    const { dates, warnings } = parseIcalHolidays(ics);
    expect(dates).toHaveLength(366);
    expect(warnings[0]).toMatch(/longer than 366 days/);
  });
});

describe('public holidays of a country', () => {
  it('lists German public holidays but not bank holidays or observances', () => {
    const dates = holidaysFor('DE', [2026]);
    expect(dates).toContain('2026-12-25');
    expect(dates).toContain('2026-10-03');
    expect(dates).not.toContain('2026-12-24'); // Heiligabend is a bank holiday from 14:00
    expect(dates).not.toContain('2026-02-14'); // Valentinstag, an observance
  });

  it('covers several years and includes observed substitute days', () => {
    const dates = holidaysFor('us', [2026, 2027]);
    expect(dates).toContain('2026-01-01');
    expect(dates).toContain('2027-07-05'); // 4 July 2027 is a Sunday, observed Monday
  });

  it('uses the state rules when given', () => {
    expect(holidaysFor('DE', [2026], { state: 'BY' })).toContain('2026-01-06'); // Heilige Drei Könige in Bavaria
    expect(holidaysFor('DE', [2026])).not.toContain('2026-01-06');
  });

  it('rejects an unknown country code', () => {
    expect(() => holidaysFor('XX', [2026])).toThrow(/Unknown country code/);
  });
});
