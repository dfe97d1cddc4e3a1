import { currentLanguage, i18n } from '../i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Intl formats in the console's language and the browser's time zone (no timeZone option).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${currentLanguage()}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(currentLanguage(), options);
    formatters.set(key, found);
  }
  return found;
}

/** "3m", "2h", "5d" or a date, for list rows where space is short. */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return '';
  const diff = now - time;
  if (diff < MINUTE) return i18n.t('time.now');
  if (diff < HOUR) return i18n.t('time.minutesShort', { count: Math.floor(diff / MINUTE) });
  if (diff < DAY) return i18n.t('time.hoursShort', { count: Math.floor(diff / HOUR) });
  if (diff < 7 * DAY) return i18n.t('time.daysShort', { count: Math.floor(diff / DAY) });
  return formatter({}).format(time);
}

/** "2h 5m", "3d", "10m": the length of an SLA span. */
export function span(ms: number): string {
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (hours >= 48) return i18n.t('time.daysShort', { count: Math.floor(hours / 24) });
  if (hours > 0) return i18n.t('time.hoursMinutesShort', { hours, minutes });
  return i18n.t('time.minutesShort', { count: minutes });
}

/** "in 2h 5m" or "3h 10m ago", for SLA due times. */
export function dueIn(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const length = span(Math.abs(diff));
  return diff >= 0 ? i18n.t('time.inSpan', { span: length }) : i18n.t('time.spanAgo', { span: length });
}

/** Date and time in the agent's language and time zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : formatter({
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        second: '2-digit',
      }).format(date);
}

/** Any Intl date format in the agent's language (charts, calendars, tooltips). */
export function formatDate(value: number | string | Date, options: Intl.DateTimeFormatOptions): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : formatter(options).format(date);
}

/**
 * A weekday's name in the agent's language, ISO numbering (1 = Monday … 7 = Sunday). Taken from a
 * Monday in UTC so the browser's time zone cannot shift it to the neighbouring day.
 */
export function weekdayName(isoDay: number, width: 'long' | 'short' = 'long'): string {
  const monday = Date.UTC(2024, 0, 1);
  return formatter({ weekday: width, timeZone: 'UTC' }).format(new Date(monday + (isoDay - 1) * DAY));
}

export function firstName(name: string | null | undefined): string {
  return name?.trim().split(/\s+/)[0] ?? '';
}

/** "820 B", "14 KB", "2.3 MB": file sizes next to attachment names. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
