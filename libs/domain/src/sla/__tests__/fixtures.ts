import { TZDate } from '@date-fns/tz';
import type { BusinessCalendar, IsoWeekday } from '../calendar-validation.js';
import { localInstant } from '../local-time.js';

/** A wall-clock instant in a zone, for readable examples: at('Europe/Berlin', '2026-03-27 17:55'). */
export function at(timeZone: string, local: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`bad local time ${local}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  // Through the calendar's own resolver, so a repeated wall time means its first occurrence on any host.
  return new Date(localInstant(timeZone, { year: y, month: mo, day: d }, h * 60 + mi));
}

/** An instant shown as wall time in a zone, e.g. "2026-03-30 09:55 Mon". */
export function wall(timeZone: string, instant: Date): string {
  const z = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const dow = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][z.getDay()];
  return `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())} ${pad(z.getHours())}:${pad(z.getMinutes())} ${dow}`;
}

export function weekdays(
  from: string,
  to: string,
  days: IsoWeekday[] = [1, 2, 3, 4, 5],
): BusinessCalendar['hours'] {
  return days.map((day) => ({ day, from, to }));
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** Mon–Fri 09:00–18:00 in Berlin, the example calendar of issue 5. */
export const berlinOffice: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: weekdays('09:00', '18:00'),
  holidays: [],
};
