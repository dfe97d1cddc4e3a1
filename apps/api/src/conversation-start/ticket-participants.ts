import { invalid } from '@switchboard/domain';
import type { ChannelAdapterRegistry } from '@switchboard/channel-kit';
import type { Sql } from '../common/db.js';

/** Cc and Bcc of one outgoing email, as kept in the message's meta for the dispatcher. */
export interface MailCopies {
  cc?: string[];
  bcc?: string[];
}

const clean = (list: string[] | undefined) => [...new Set((list ?? []).map((a) => a.trim().toLowerCase()))];

/**
 * The copies of a message about to go by `channelKind`, checked: only a channel whose adapter
 * sends copies takes them (400 naming the field otherwise); null when there are none.
 */
export function mailCopies(
  adapters: ChannelAdapterRegistry,
  channelKind: string,
  input: MailCopies,
): Required<MailCopies> | null {
  const cc = clean(input.cc);
  const bcc = clean(input.bcc).filter((a) => !cc.includes(a));
  if (!cc.length && !bcc.length) return null;
  if (!adapters.get(channelKind)?.sendsCopies) {
    const field = cc.length ? 'cc' : 'bcc';
    throw invalid(`${field}: copies can be sent by email only; this message goes by ${channelKind}`);
  }
  return { cc, bcc };
}

/**
 * People copied (Cc) on a ticket's mail become its participants: their replies to the thread
 * join the ticket although they are not its contact. Blind copies stay private: a Bcc reader
 * was not meant to be part of the conversation, so their reply starts a ticket of its own.
 */
export async function addParticipants(
  sql: Sql,
  ticketId: string,
  kind: string,
  addresses: readonly string[],
  addedBy: string | null,
): Promise<void> {
  if (!addresses.length) return;
  await sql.query(
    `INSERT INTO ticket_copied_addresses (ticket_id, kind, address, added_by)
     SELECT $1, $2, a, $4 FROM unnest($3::text[]) AS a ON CONFLICT DO NOTHING`,
    [ticketId, kind, addresses, addedBy],
  );
}
