import { DEFAULT_CUSTOMER_DATE_FORMAT, type CustomerDateFormat } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';

/**
 * The workspace's way of writing a time for customers: the time zone of the business calendar its
 * first active SLA policy counts in (the office's hours), else UTC, in English.
 */
export async function customerDateFormat(sql: Pick<Sql, 'query'>): Promise<CustomerDateFormat> {
  const [calendar] = await sql.query<{ time_zone: string }>(
    `SELECT c.time_zone FROM sla_policies p JOIN business_calendars c ON c.id = p.calendar_id
      WHERE p.active ORDER BY p.sort_order, p.created_at LIMIT 1`,
  );
  return {
    locale: DEFAULT_CUSTOMER_DATE_FORMAT.locale,
    timeZone: calendar?.time_zone ?? DEFAULT_CUSTOMER_DATE_FORMAT.timeZone,
  };
}

/**
 * How one contact reads a time: in their own language and time zone where the contact has them
 * (each on its own: a known language with an unknown zone still gets its language), else the
 * workspace's. A value Intl does not know counts as absent, so a typo never reaches the customer.
 */
export async function contactDateFormat(
  sql: Pick<Sql, 'query'>,
  contactId: string,
): Promise<CustomerDateFormat> {
  const [contact] = await sql.query<{ language: string | null; time_zone: string | null }>(
    `SELECT language, time_zone FROM contacts WHERE id = $1`,
    [contactId],
  );
  const workspace = await customerDateFormat(sql);
  return {
    locale: knownLocale(contact?.language) ?? workspace.locale,
    timeZone: knownTimeZone(contact?.time_zone) ?? workspace.timeZone,
  };
}

function knownLocale(tag: string | null | undefined): string | null {
  if (!tag?.trim()) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return Intl.DateTimeFormat.supportedLocalesOf(canonical).length ? canonical : null;
  } catch {
    return null;
  }
}

function knownTimeZone(zone: string | null | undefined): string | null {
  if (!zone?.trim()) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
