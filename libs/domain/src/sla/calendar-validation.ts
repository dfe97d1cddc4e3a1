import { formatLocalDate, isKnownTimeZone, MINUTES_PER_DAY, parseLocalDate } from './local-time.js';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One opening interval in local wall time. `to` may be "24:00" (until midnight). When `from` is
 * later than `to` the interval is an overnight shift: it starts on `day` and ends on the next day
 * (`{ day: 5, from: "22:00", to: "06:00" }` is Friday 22:00 → Saturday 06:00).
 */
export interface OpeningInterval {
  day: IsoWeekday;
  from: string;
  to: string;
}

/**
 * Business hours of a team. Calendars are treated as immutable values: compiled forms are cached
 * per object, so edit by building a new object.
 */
export interface BusinessCalendar {
  /** IANA zone, e.g. "Europe/Berlin". Opening hours and holidays are read in this zone. */
  timeZone: string;
  hours: OpeningInterval[];
  /** Local dates ("YYYY-MM-DD") closed for the whole day, midnight to midnight in `timeZone`. */
  holidays: string[];
}

/** `null`/`undefined` means "around the clock": every instant is business time. */
export type MaybeCalendar = BusinessCalendar | null | undefined;

export class InvalidCalendarError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`Invalid business calendar: ${errors.join('; ')}`);
    this.name = 'InvalidCalendarError';
  }
}

/** A calendar parsed once into minutes and a holiday set, ready for interval generation. */
export interface CompiledCalendar {
  readonly timeZone: string;
  /** Intervals by ISO weekday (index 1-7) in minutes of the day; `to` ≤ `from` never occurs: overnight `to` is +1440. */
  readonly byWeekday: ReadonlyArray<ReadonlyArray<{ from: number; to: number }>>;
  readonly holidays: ReadonlySet<string>;
}

function parseClock(text: unknown, allow24: boolean): number | null {
  if (typeof text !== 'string') return null;
  if (allow24 && text === '24:00') return MINUTES_PER_DAY;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Every problem with a calendar, phrased for an admin form (empty when the calendar is valid).
 * Overlapping intervals are allowed (they are merged), so a lunch break can be entered either as
 * two intervals or not at all.
 */
export function validateCalendar(calendar: unknown): string[] {
  if (typeof calendar !== 'object' || calendar === null) return ['a calendar must be an object'];
  const c = calendar as Partial<BusinessCalendar>;
  const errors: string[] = [];
  if (typeof c.timeZone !== 'string' || !isKnownTimeZone(c.timeZone)) {
    errors.push(
      `timeZone ${JSON.stringify(c.timeZone)} is not a known IANA time zone (e.g. "Europe/Berlin")`,
    );
  }
  if (!Array.isArray(c.hours)) {
    errors.push('hours must be a list of { day, from, to }');
  } else {
    if (c.hours.length === 0) {
      errors.push(
        'hours is empty: a calendar needs at least one opening interval (use no calendar for around the clock)',
      );
    }
    c.hours.forEach((h: Partial<OpeningInterval> | null, i) => {
      const at = `hours[${i}]`;
      if (typeof h !== 'object' || h === null) {
        errors.push(`${at} must be an object { day, from, to }`);
        return;
      }
      if (!Number.isInteger(h.day) || (h.day as number) < 1 || (h.day as number) > 7) {
        errors.push(`${at}.day ${JSON.stringify(h.day)} must be an ISO weekday 1-7 (1 = Monday)`);
      }
      const from = parseClock(h.from, false);
      const to = parseClock(h.to, true);
      if (from === null)
        errors.push(`${at}.from ${JSON.stringify(h.from)} must be "HH:MM" between 00:00 and 23:59`);
      if (to === null)
        errors.push(`${at}.to ${JSON.stringify(h.to)} must be "HH:MM" between 00:00 and 24:00`);
      if (from !== null && to !== null && from === to) {
        errors.push(`${at} opens and closes at ${h.from}: use "00:00"-"24:00" for a whole day`);
      }
    });
  }
  if (!Array.isArray(c.holidays)) {
    errors.push('holidays must be a list of "YYYY-MM-DD" dates');
  } else {
    c.holidays.forEach((d, i) => {
      if (typeof d !== 'string' || parseLocalDate(d) === null) {
        errors.push(`holidays[${i}] ${JSON.stringify(d)} is not a real date in "YYYY-MM-DD" form`);
      }
    });
  }
  return errors;
}

export function assertValidCalendar(calendar: unknown): asserts calendar is BusinessCalendar {
  const errors = validateCalendar(calendar);
  if (errors.length > 0) throw new InvalidCalendarError(errors);
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** Validates (throwing {@link InvalidCalendarError}) and parses a calendar, once per object. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  assertValidCalendar(calendar);
  const byWeekday: { from: number; to: number }[][] = [[], [], [], [], [], [], [], []];
  for (const h of calendar.hours) {
    const from = parseClock(h.from, false) as number;
    let to = parseClock(h.to, true) as number;
    if (to < from) to += MINUTES_PER_DAY; // overnight: ends on the next day
    byWeekday[h.day].push({ from, to });
  }
  const holidays = new Set(calendar.holidays.map((d) => formatLocalDate(parseLocalDate(d)!)));
  const result: CompiledCalendar = { timeZone: calendar.timeZone, byWeekday, holidays };
  compiled.set(calendar, result);
  return result;
}
