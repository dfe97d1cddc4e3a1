import { DEFAULT_CUSTOMER_DATE_FORMAT, type CustomerDateFormat } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';

/**
 * The language and time zone a hold's end is written in for customers. Contacts carry no
 * language or time zone yet, so this is the workspace's: the time zone of the business calendar
 * its first active SLA policy counts in (the office's hours), else UTC, in English.
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
