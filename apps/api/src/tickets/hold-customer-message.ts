import { renderHoldMessage } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { readSetting } from '../settings/app-settings.js';
import { contactDateFormat } from './hold-date-format.js';
import type { TicketRow } from './ticket-rows.js';

/**
 * The customer's "on hold" message from the admin-editable template (the built-in one by default),
 * its end written the way this contact reads times.
 */
export async function holdCustomerMessage(
  sql: Sql,
  ticket: TicketRow,
  until: string | null,
): Promise<string> {
  const { value } = await readSetting(sql, 'hold.customer_template');
  return renderHoldMessage(value, {
    ticket: { number: Number(ticket.number) },
    contact: { name: ticket.contact_name },
    until,
    // The end of the hold in the contact's language and time zone (else the workspace's).
    dateFormat: await contactDateFormat(sql, ticket.contact_id),
  });
}
