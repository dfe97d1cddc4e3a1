/**
 * Message templates shared by the API and the console, so the text an agent previews is the text
 * the customer gets. `{{name}}` is a value; `{{#name}}…{{/name}}` is kept only when the value is
 * not empty. Unknown variables stay visible, so whoever edits the text notices them.
 */
export type TemplateValues = Record<string, string | null | undefined>;

export function renderTemplate(template: string, values: TemplateValues): string {
  const value = (name: string) => values[name.toLowerCase()];
  const withSections = template.replace(
    /\{\{#\s*([a-z_.]+)\s*\}\}([\s\S]*?)\{\{\/\s*\1\s*\}\}/gi,
    (_, name: string, inner: string) => (value(name) ? inner : ''),
  );
  return withSections.replace(/\{\{\s*([a-z_.]+)\s*\}\}/gi, (match, name: string) => value(name) ?? match);
}

/** What the customer is told when a ticket goes on hold, until an admin changes it. */
export const DEFAULT_HOLD_TEMPLATE =
  "Hi {{contact.first_name}}, your request #{{ticket.number}} is on hold while we work on it.{{#hold.until}} We expect to get back to you by {{hold.until}}.{{/hold.until}} You don't need to write again: we'll update you here.";

/** How a time is written for a customer: their language and time zone when known, else the workspace's. */
export interface CustomerDateFormat {
  /** A BCP 47 language tag, e.g. `de-DE`. */
  locale: string;
  /** An IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
}

export const DEFAULT_CUSTOMER_DATE_FORMAT: CustomerDateFormat = { locale: 'en-GB', timeZone: 'UTC' };

/** "Monday 7 December 2026 at 11:30 CET": a day, a date and a time the reader need not convert. */
export function formatCustomerTime(
  iso: string,
  format: CustomerDateFormat = DEFAULT_CUSTOMER_DATE_FORMAT,
): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(format.locale, { ...options, timeZone: format.timeZone }).format(
      new Date(iso),
    );
  } catch {
    // An unknown language or zone stored somewhere must not stop the hold: fall back to the default.
    return new Intl.DateTimeFormat(DEFAULT_CUSTOMER_DATE_FORMAT.locale, {
      ...options,
      timeZone: DEFAULT_CUSTOMER_DATE_FORMAT.timeZone,
    }).format(new Date(iso));
  }
}

export interface HoldTemplateContext {
  ticket: { number: number };
  contact: { name: string | null };
  /** ISO time, or null for a hold without an end. */
  until: string | null | undefined;
  /** How `{{hold.until}}` is written; the default is English in UTC. */
  dateFormat?: CustomerDateFormat;
}

export function holdTemplateValues(context: HoldTemplateContext): TemplateValues {
  return {
    'ticket.number': String(context.ticket.number),
    'contact.first_name': context.contact.name?.trim().split(/\s+/)[0] || 'there',
    'hold.until': context.until ? formatCustomerTime(context.until, context.dateFormat) : '',
  };
}

export function renderHoldMessage(template: string, context: HoldTemplateContext): string {
  return renderTemplate(template, holdTemplateValues(context));
}
