import { compileCalendar, type MaybeCalendar } from './calendar-validation.js';
import { openSpans } from './open-intervals.js';

/**
 * Business-time arithmetic on a calendar. All four functions treat a missing calendar as
 * around-the-clock, and open time as half-open spans [opening, closing): the opening instant is
 * open, the closing instant is not.
 */

function assertDuration(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`business duration must be a finite number of ms ≥ 0, got ${ms}`);
}

/**
 * The instant when `ms` of business time has elapsed since `start`. Counting begins at `start`
 * when it is open, else at the next opening.
 *
 * Where results land: for `ms > 0` the result is an instant with open time immediately before it,
 * so either open or exactly a closing time (a 1h target from 17:00 on a 09:00–18:00 day is due at
 * 18:00, not at next morning's 09:00). For `ms = 0` it is {@link nextOpening}`(start)`.
 */
export function addBusinessTime(calendar: MaybeCalendar, start: Date, ms: number): Date {
  assertDuration(ms);
  const from = start.getTime();
  if (!calendar) return new Date(from + ms);
  let remaining = ms;
  for (const span of openSpans(compileCalendar(calendar), from)) {
    const begin = Math.max(span.start, from);
    const length = span.end - begin;
    if (remaining <= length) return new Date(begin + remaining);
    remaining -= length;
  }
  throw new Error('unreachable: openSpans is endless or throws');
}

/** Milliseconds of open time in [a, b); 0 when b is not after a. */
export function businessTimeBetween(calendar: MaybeCalendar, a: Date, b: Date): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  if (!calendar) return to - from;
  let total = 0;
  for (const span of openSpans(compileCalendar(calendar), from, to)) {
    if (span.start >= to) break;
    total += Math.min(span.end, to) - Math.max(span.start, from);
  }
  return total;
}

/** Whether `at` is business time (an opening instant is open, a closing instant is not). */
export function isOpen(calendar: MaybeCalendar, at: Date): boolean {
  if (!calendar) return true;
  const t = at.getTime();
  for (const span of openSpans(compileCalendar(calendar), t)) return span.start <= t;
  return false;
}

/** `at` itself when open, else the next instant the calendar opens. */
export function nextOpening(calendar: MaybeCalendar, at: Date): Date {
  if (!calendar) return new Date(at.getTime());
  const t = at.getTime();
  for (const span of openSpans(compileCalendar(calendar), t)) return new Date(Math.max(span.start, t));
  throw new Error('unreachable: openSpans is endless or throws');
}

/**
 * The latest instant from which at least `ms` of business time has passed by `end`: everything
 * that started at or before it is that old in business time. Without a calendar, `end - ms`.
 * The open spans before `end` are collected once and counted back from `end`.
 */
export function subtractBusinessTime(calendar: MaybeCalendar, end: Date, ms: number): Date {
  assertDuration(ms);
  const to = end.getTime();
  if (!calendar || ms === 0) return new Date(to - ms);
  // Far enough back to hold `ms` of open time (the calendar opens within MAX_CLOSED_DAYS, or throws).
  let from = to - ms;
  for (
    let step = Math.max(ms, 86_400_000);
    businessTimeBetween(calendar, new Date(from), end) < ms;
    step *= 2
  )
    from -= step;
  const spans: Array<[number, number]> = [];
  for (const span of openSpans(compileCalendar(calendar), from, to)) {
    if (span.start >= to) break;
    spans.push([Math.max(span.start, from), Math.min(span.end, to)]);
  }
  let remaining = ms;
  for (let i = spans.length - 1; i >= 0; i--) {
    const [start, stop] = spans[i];
    if (remaining <= stop - start) return new Date(stop - remaining);
    remaining -= stop - start;
  }
  throw new Error('unreachable: the spans from `from` hold at least `ms`');
}
