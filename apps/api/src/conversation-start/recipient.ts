import { normalizePhone } from '@switchboard/channel-sms';
import type { StartConversationBody } from '@switchboard/contracts';
import { invalid, notFound, type Viewer } from '@switchboard/domain';
import { z } from 'zod';
import type { Sql } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';

export interface Recipient {
  contactId: string;
  identity: { id: string; kind: string; address: string };
}

const EMAIL = z.email();

/** One spelling per address, as the channels store them: email lower case, phones E.164. */
export function normalizeAddress(kind: string, raw: string): string {
  const address = raw.trim();
  if (kind === 'email') {
    const lower = address.toLowerCase();
    if (!EMAIL.safeParse(lower).success) throw invalid('to.address: must be an email address');
    return lower;
  }
  if (kind === 'phone') {
    const phone = normalizePhone(address);
    if (!phone) throw invalid('to.address: must be a phone number in international format (+14155550100)');
    return phone;
  }
  return address;
}

/**
 * The contact and identity a started conversation goes to. A known contact must be one the agent
 * can see through a ticket (else 404), and have an identity of the kind the channel writes to; a
 * new address becomes a contact of its own unless somebody already has it.
 */
export async function resolveRecipient(
  sql: Sql,
  viewer: Viewer,
  to: StartConversationBody['to'],
  identityKind: string,
  channelKind: string,
): Promise<Recipient> {
  if ('contactId' in to) {
    const params: unknown[] = [to.contactId];
    const seen = await sql.query(
      `SELECT 1 FROM contacts c WHERE c.id = $1 AND (${viewer.role !== 'agent' ? 'TRUE' : `EXISTS (SELECT 1 FROM tickets t WHERE t.contact_id = c.id AND ${visibleTo(viewer, params)})`})`,
      params,
    );
    if (!seen.length) throw notFound('contact not found');
    const [identity] = await sql.query<Recipient['identity']>(
      `SELECT id, kind, address FROM contact_identities WHERE contact_id = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`,
      [to.contactId, identityKind],
    );
    if (!identity)
      throw invalid(
        `to.contactId: the contact has no ${identityKind} address that ${channelKind} can write to`,
      );
    return { contactId: to.contactId, identity };
  }
  if (to.kind !== identityKind)
    throw invalid(
      `to.kind: a ${channelKind} channel account writes to ${identityKind} addresses, not ${to.kind}`,
    );
  const address = normalizeAddress(to.kind, to.address);
  const [known] = await sql.query<Recipient['identity'] & { contact_id: string }>(
    `SELECT id, kind, address, contact_id FROM contact_identities WHERE kind = $1 AND address = $2`,
    [to.kind, address],
  );
  if (known) return { contactId: known.contact_id, identity: known };
  const [contact] = await sql.query<{ id: string }>(`INSERT INTO contacts (name) VALUES ($1) RETURNING id`, [
    to.name || null,
  ]);
  const [inserted] = await sql.query<Recipient['identity']>(
    `INSERT INTO contact_identities (contact_id, kind, address) VALUES ($1, $2, $3)
     ON CONFLICT (kind, address) DO NOTHING RETURNING id, kind, address`,
    [contact.id, to.kind, address],
  );
  if (inserted) return { contactId: contact.id, identity: inserted };
  // A customer's message created the same address meanwhile: theirs it is.
  await sql.query(`DELETE FROM contacts WHERE id = $1`, [contact.id]);
  const [winner] = await sql.query<Recipient['identity'] & { contact_id: string }>(
    `SELECT id, kind, address, contact_id FROM contact_identities WHERE kind = $1 AND address = $2`,
    [to.kind, address],
  );
  return { contactId: winner.contact_id, identity: winner };
}
