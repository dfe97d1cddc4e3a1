import { renderHoldMessage } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { readSetting } from '../settings/app-settings.js';
import { customerDateFormat } from './hold-date-format.js';
import type { TicketRow } from './ticket-rows.js';

/** The customer's "on hold" message from the admin-editable template (the built-in one by default). */
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
    dateFormat: await customerDateFormat(sql),
  });
}
