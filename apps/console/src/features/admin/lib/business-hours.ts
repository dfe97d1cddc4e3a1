import type { FieldValues } from './channel-config';

/**
 * The chat's business hours as form values: a time zone and one from/to pair per weekday
 * (ISO 1 = Monday). The calendar format is the SLA engine's (libs/domain calendar-validation.ts),
 * which the API checks; holidays are kept as stored since this form does not edit them.
 */
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export interface BusinessHours {
  timeZone: string;
  hours: Array<{ day: number; from: string; to: string }>;
  holidays: string[];
}

const key = (path: string, part: string) => [path, part].join('.');
const dayPart = (day: number, end: 'from' | 'to') => [day, end].join('.');

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function businessHoursValues(path: string, calendar: unknown): FieldValues {
  const cal = (calendar ?? null) as Partial<BusinessHours> | null;
  const values: FieldValues = {
    [key(path, 'timeZone')]: cal?.timeZone ?? browserTimeZone(),
    [key(path, 'holidays')]: (cal?.holidays ?? []).join(','),
  };
  WEEKDAYS.forEach((_, i) => {
    // One interval per day is what this form edits; the first one stands for the day.
    const interval = cal?.hours?.find((h) => h.day === i + 1);
    values[weekdayKey(path, i + 1, 'from')] = interval?.from ?? '';
    values[weekdayKey(path, i + 1, 'to')] = interval?.to ?? '';
  });
  return values;
}

/** The calendar, or null (open around the clock) when no day has hours. */
export function businessHoursFromValues(path: string, values: FieldValues): BusinessHours | null {
  const text = (part: string) => String(values[key(path, part)] ?? '').trim();
  const hours = WEEKDAYS.map((_, i) => ({
    day: i + 1,
    from: text(dayPart(i + 1, 'from')),
    to: text(dayPart(i + 1, 'to')),
  })).filter((h) => h.from || h.to);
  if (hours.length === 0) return null;
  return { timeZone: text('timeZone'), hours, holidays: text('holidays').split(',').filter(Boolean) };
}

export const weekdayKey = (path: string, day: number, end: 'from' | 'to') => key(path, dayPart(day, end));
export const timeZoneKey = (path: string) => key(path, 'timeZone');
