import { TZDate, tzOffset } from '@date-fns/tz';

/**
 * Wall-clock helpers for one IANA zone. Every instant is built by @date-fns/tz; this file only
 * adds calendar-date stepping (which has no zone) and makes one library behaviour deterministic.
 */

/** A local calendar date (no zone, no time): `month` is 1-12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const MINUTES_PER_DAY = 24 * 60;

/**
 * Stepping a calendar date is zone-free arithmetic on the proleptic Gregorian calendar, so UTC
 * fields are used purely as a date counter here (no offset is involved).
 */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Parses "YYYY-MM-DD", rejecting impossible dates such as 2026-02-30. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const roundTrip = addDays(date, 0);
  return roundTrip.year === date.year && roundTrip.month === date.month && roundTrip.day === date.day
    ? date
    : null;
}

/** The local calendar date an instant falls on in `timeZone`. */
export function localDateOf(timeZone: string, instantMs: number): LocalDate {
  const z = new TZDate(instantMs, timeZone);
  return { year: z.getFullYear(), month: z.getMonth() + 1, day: z.getDate() };
}

function wallTimeIs(timeZone: string, instantMs: number, date: LocalDate, minuteOfDay: number): boolean {
  const z = new TZDate(instantMs, timeZone);
  return (
    z.getFullYear() === date.year &&
    z.getMonth() + 1 === date.month &&
    z.getDate() === date.day &&
    z.getHours() * 60 + z.getMinutes() === minuteOfDay
  );
}

/**
 * The instant of a local wall time, with RFC 5545 (and Temporal "compatible") rules:
 * - a wall time skipped by a spring-forward gap is read with the offset before the gap, i.e. it
 *   moves forward by the gap (02:30 on a Berlin spring-forward day → 03:30 CEST);
 * - a wall time repeated by a fall-back is its FIRST occurrence.
 *
 * Why the second rule needs code: TZDate 1.5.0 picks either occurrence of a repeated wall time
 * depending on the host process's own zone (observed: 02:30 on Berlin's fall-back day gives
 * 00:30Z on a Berlin host and 01:30Z on a UTC host). SLA due times must not depend on where a
 * server runs, so when the zone's offset dropped within the three hours before the library's
 * answer, we check (through TZDate again) whether the same wall time also existed one offset
 * change earlier, and take that earlier instant.
 *
 * `minuteOfDay` may be 1440 ("24:00"), meaning the next day's midnight.
 */
export function localInstant(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  if (minuteOfDay >= MINUTES_PER_DAY)
    return localInstant(timeZone, addDays(date, 1), minuteOfDay - MINUTES_PER_DAY);
  const key = `${timeZone}|${date.year}-${date.month}-${date.day}|${minuteOfDay}`;
  let instant = instantCache.get(key);
  if (instant === undefined) {
    if (instantCache.size >= INSTANT_CACHE_LIMIT) instantCache.clear();
    instant = resolveLocalInstant(timeZone, date, minuteOfDay);
    instantCache.set(key, instant);
  }
  return instant;
}

/**
 * The same few wall times (openings, closings, midnights of recent days) are resolved over and
 * over when clocks are derived; the answer for a zone, date and minute never changes within a
 * process (zone data is fixed), so it is memoised. Bounded: cleared when full.
 */
const instantCache = new Map<string, number>();
const INSTANT_CACHE_LIMIT = 50_000;

function resolveLocalInstant(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  const t = new TZDate(date.year, date.month - 1, date.day, hours, minutes, timeZone).getTime();
  const offsetBefore = tzOffset(timeZone, new Date(t - 3 * 3_600_000));
  const offsetAt = tzOffset(timeZone, new Date(t));
  if (offsetBefore > offsetAt) {
    const earlier = t - (offsetBefore - offsetAt) * 60_000;
    if (wallTimeIs(timeZone, earlier, date, minuteOfDay)) return earlier;
  }
  return t;
}

/** True when `timeZone` is a zone the runtime's Intl data knows (the same data TZDate reads). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
