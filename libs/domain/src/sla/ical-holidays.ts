import Holidays from 'date-holidays';
import {
  addDays,
  formatLocalDate,
  localDateOf,
  localInstant,
  parseLocalDate,
  type LocalDate,
} from './local-time.js';

/** What an iCal import produced: the closed dates, and what was left out and why. */
export interface IcalHolidayImport {
  /** Sorted, unique local dates "YYYY-MM-DD". */
  dates: string[];
  /** Human-readable notes for the admin, e.g. a recurring event only imported once. */
  warnings: string[];
}

export interface IcalImportOptions {
  /**
   * The calendar's zone: UTC date-times ("…Z") are converted to it before taking the date.
   * Floating and TZID date-times already state a local date and are taken as written.
   */
  timeZone?: string;
}

/** An event longer than this is almost certainly a data error (a "holiday" lasting years). */
const MAX_EVENT_DAYS = 366;

/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]|\n[ \t]|\r[ \t]/g, '').split(/\r\n|\n|\r/);
}

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Splits `NAME;PARAM=x;PARAM="y":value`, honouring quoted parameter values that contain ':' or ';'. */
function parseProperty(line: string): Property | null {
  let i = 0;
  let inQuotes = false;
  for (; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) break;
  }
  if (i >= line.length) return null;
  const head = line.slice(0, i);
  const value = line.slice(i + 1);
  const parts = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: (parts[0] ?? '').toUpperCase(), params, value: value.trim() };
}

interface ParsedMoment {
  date: LocalDate;
  /** A DATE value (a whole day) rather than a date-time. */
  allDay: boolean;
  /** A date-time exactly at local midnight: as an exclusive end it does not touch its date. */
  atMidnight: boolean;
}

function parseMoment(prop: Property, options: IcalImportOptions): ParsedMoment | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(prop.value);
  if (!m) return null;
  const written = parseLocalDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (!written) return null;
  if (m[4] === undefined) return { date: written, allDay: true, atMidnight: true };
  const [hh, mm, ss] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (m[7] === 'Z' && options.timeZone) {
    const instant = Date.UTC(written.year, written.month - 1, written.day, hh, mm, ss);
    const date = localDateOf(options.timeZone, instant);
    return { date, allDay: false, atMidnight: instant === localInstant(options.timeZone, date, 0) };
  }
  // Floating, TZID or UTC without a target zone: the written date is the local date.
  return { date: written, allDay: false, atMidnight: hh === 0 && mm === 0 && ss === 0 };
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whole days of an all-day DURATION such as "P1D" or "P2W"; null for anything finer. */
function durationDays(value: string): number | null {
  const m = /^\+?P(?:(\d+)W|(\d+)D)$/.exec(value);
  if (!m) return null;
  return m[1] !== undefined ? Number(m[1]) * 7 : Number(m[2]);
}

/**
 * Holiday dates from an iCal (.ics) text, the subset holiday feeds use: each VEVENT's DTSTART
 * (VALUE=DATE or a date-time) closes its local date; DTEND is exclusive, so a multi-day event
 * closes every date up to the day before DTEND (for date-times: every date the event touches).
 * Cancelled events are ignored. Recurrence rules are not expanded: holiday feeds publish one
 * event per year, and a silently wrong expansion would be worse than a visible warning.
 */
export function parseIcalHolidays(ics: string, options: IcalImportOptions = {}): IcalHolidayImport {
  const dates = new Set<string>();
  const warnings: string[] = [];
  let event: Property[] | null = null;
  let eventNo = 0;
  for (const line of unfold(ics)) {
    const upper = line.trim().toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      event = [];
      eventNo++;
      continue;
    }
    if (upper === 'END:VEVENT') {
      if (event) addEvent(event, eventNo, options, dates, warnings);
      event = null;
      continue;
    }
    if (event) {
      const prop = parseProperty(line);
      if (prop) event.push(prop);
    }
  }
  return { dates: [...dates].sort(), warnings };
}

function addEvent(
  props: Property[],
  eventNo: number,
  options: IcalImportOptions,
  dates: Set<string>,
  warnings: string[],
): void {
  const get = (name: string) => props.find((p) => p.name === name);
  const summary = get('SUMMARY')?.value;
  const label = `event ${eventNo}${summary ? ` "${summary}"` : ''}`;
  if (get('STATUS')?.value.toUpperCase() === 'CANCELLED') return;
  const startProp = get('DTSTART');
  const start = startProp ? parseMoment(startProp, options) : null;
  if (!start) {
    warnings.push(
      `${label}: skipped, DTSTART ${JSON.stringify(startProp?.value ?? null)} is missing or not a date`,
    );
    return;
  }
  if (get('RRULE'))
    warnings.push(`${label}: recurrence (RRULE) not expanded, only ${formatLocalDate(start.date)} imported`);

  // Last closed date, inclusive.
  let last = start.date;
  const endProp = get('DTEND');
  const durationProp = get('DURATION');
  if (endProp) {
    const end = parseMoment(endProp, options);
    if (!end) {
      warnings.push(`${label}: DTEND ${JSON.stringify(endProp.value)} is not a date, imported as one day`);
    } else {
      // DTEND is exclusive: an end at midnight (or a DATE) does not close that date.
      last = end.atMidnight ? addDays(end.date, -1) : end.date;
      if (compareDates(last, start.date) < 0) last = start.date;
    }
  } else if (durationProp && start.allDay) {
    const days = durationDays(durationProp.value);
    if (days === null)
      warnings.push(`${label}: DURATION ${durationProp.value} not understood, imported as one day`);
    else if (days > 0) last = addDays(start.date, days - 1);
  }

  let day = start.date;
  for (let n = 0; compareDates(day, last) <= 0; n++, day = addDays(day, 1)) {
    if (n >= MAX_EVENT_DAYS) {
      warnings.push(
        `${label}: longer than ${MAX_EVENT_DAYS} days, only the first ${MAX_EVENT_DAYS} imported`,
      );
      return;
    }
    dates.add(formatLocalDate(day));
  }
}

/** Options for {@link holidaysFor}: a subdivision such as a German state ("BY") or US state ("CA"). */
export interface HolidayRegion {
  state?: string;
  region?: string;
}

/**
 * Public holidays (not bank holidays or observances) of a country for the given years, from the
 * maintained date-holidays rules, as local dates "YYYY-MM-DD". Substitute days (a holiday that
 * falls on a weekend observed on Monday) are public holidays too and are included.
 */
export function holidaysFor(
  countryCode: string,
  years: readonly number[],
  region: HolidayRegion = {},
): string[] {
  const known = new Holidays().getCountries();
  const country = countryCode.toUpperCase();
  if (!known || !(country in known))
    throw new RangeError(`Unknown country code for holidays: ${JSON.stringify(countryCode)}`);
  const hd = region.state ? new Holidays(country, region.state, region.region ?? '') : new Holidays(country);
  const dates = new Set<string>();
  for (const year of years) {
    for (const h of hd.getHolidays(year) || []) {
      if (h.type === 'public') dates.add(h.date.slice(0, 10));
    }
  }
  return [...dates].sort();
}
