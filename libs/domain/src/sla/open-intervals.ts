import type { CompiledCalendar } from './calendar-validation.js';
import {
  addDays,
  formatLocalDate,
  isoWeekday,
  localDateOf,
  localInstant,
  MINUTES_PER_DAY,
  type LocalDate,
} from './local-time.js';

/** A half-open span of open time [start, end) in epoch milliseconds. */
export interface OpenSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * How many consecutive local days may pass without any open time before we give up. A calendar
 * whose only opening day is always a holiday would otherwise loop forever.
 */
export const MAX_CLOSED_DAYS = 3 * 366;

export class CalendarNeverOpensError extends Error {
  constructor(timeZone: string, from: number) {
    super(
      `Business calendar (${timeZone}) has no open time in the ${MAX_CLOSED_DAYS} days after ` +
        `${new Date(from).toISOString()}: check its hours and holidays`,
    );
    this.name = 'CalendarNeverOpensError';
  }
}

/**
 * The open spans of one local day's intervals, as instants. Each interval's ends are built from
 * local wall times by the zone library, so a DST change inside an interval simply makes it an
 * hour shorter or longer. Holidays close their whole local day: intervals starting on a holiday
 * are dropped and an overnight shift running into a holiday stops at that midnight.
 */
function spansOfDay(calendar: CompiledCalendar, date: LocalDate): OpenSpan[] {
  if (calendar.holidays.has(formatLocalDate(date))) return [];
  const nextIsHoliday = calendar.holidays.has(formatLocalDate(addDays(date, 1)));
  const spans: OpenSpan[] = [];
  for (const interval of calendar.byWeekday[isoWeekday(date)]) {
    const start = localInstant(calendar.timeZone, date, interval.from);
    const to = nextIsHoliday ? Math.min(interval.to, MINUTES_PER_DAY) : interval.to;
    const end = localInstant(calendar.timeZone, date, to);
    // An interval lying wholly in a spring-forward gap (or cut to nothing by a holiday) is empty.
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

/**
 * Open time from `from` onwards as sorted, disjoint spans (adjacent spans are allowed, e.g. an
 * overnight shift ending at midnight followed by one starting then). The first span may start
 * before `from` (callers clip it); every span ends after `from`. Generation stops once local days
 * start at or after `until`, so a bounded caller never hits the closed-days guard needlessly.
 *
 * Why day by day with a buffer: a local day's intervals may run into the next day (overnight
 * shifts) and overlap that day's own intervals, but no interval of a later day starts before
 * that later day's midnight. So once day D is added, every buffered span starting before
 * midnight(D+1) can be emitted in order; overlaps with what was emitted are clipped away.
 */
export function* openSpans(
  calendar: CompiledCalendar,
  from: number,
  until = Number.POSITIVE_INFINITY,
): Generator<OpenSpan> {
  const zone = calendar.timeZone;
  // Two days back: intervals of earlier days may still be open at `from` (overnight shifts), and a
  // repeated midnight hour can put `from` on a date whose predecessor also reaches past it.
  let date = addDays(localDateOf(zone, from), -2);
  let buffer: OpenSpan[] = [];
  let emittedUpTo = Number.NEGATIVE_INFINITY;
  let closedDays = 0;
  for (;;) {
    const dayStart = localInstant(zone, date, 0);
    if (dayStart >= until) return;
    const nextDayStart = localInstant(zone, addDays(date, 1), 0);
    buffer.push(...spansOfDay(calendar, date));
    buffer.sort((a, b) => a.start - b.start);
    const ready = buffer.filter((s) => s.start < nextDayStart);
    buffer = buffer.filter((s) => s.start >= nextDayStart);
    let yielded = false;
    for (const span of ready) {
      const start = Math.max(span.start, emittedUpTo);
      if (span.end <= start) continue;
      emittedUpTo = span.end;
      if (span.end <= from) continue;
      yielded = true;
      yield { start, end: span.end };
    }
    closedDays = yielded ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS) throw new CalendarNeverOpensError(zone, from);
    date = addDays(date, 1);
  }
}
