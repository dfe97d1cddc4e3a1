import type { ContactMergeSuggestionView } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import type { TicketTx } from '../tickets/ticket-writer.js';
import { mergeContacts } from './contact-merge.service.js';

/**
 * When one email address or phone number shows up on several channels, it joins one contact
 * only on proof: an email From our receiving server authenticated, a phone number the carrier
 * gave, a chat visitor the host site vouched for by HMAC. A claim without proof never moves
 * anyone into someone else's contact: it is recorded as a merge suggestion for a person to
 * decide (the contact panel offers the merge).
 */

/** Records that two contacts may be one person; once per pair and address. */
export async function recordMergeSuggestion(
  sql: Sql,
  contactId: string,
  otherContactId: string,
  identity: { kind: string; address: string },
): Promise<void> {
  if (contactId === otherContactId) return;
  await sql.query(
    `INSERT INTO contact_merge_suggestions (contact_id, other_contact_id, kind, address) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [contactId, otherContactId, identity.kind, identity.address],
  );
}

/**
 * The proven owner of an address that another contact only claimed: a new contact for them,
 * the identity moves to it (now proven), and a suggestion links both contacts.
 */
export async function takeOverClaimedIdentity(
  sql: Sql,
  identityId: string,
  claimantContactId: string,
  name: string | undefined,
): Promise<{ contactId: string; identityId: string }> {
  const [contact] = await sql.query<{ id: string }>(`INSERT INTO contacts (name) VALUES ($1) RETURNING id`, [
    name ?? null,
  ]);
  const [identity] = await sql.query<{ kind: string; address: string }>(
    `WITH moved AS (
       UPDATE contact_identities SET contact_id = $2, unverified_claim = false WHERE id = $1 RETURNING kind, address)
     SELECT kind, address FROM moved`,
    [identityId, contact.id],
  );
  await recordMergeSuggestion(sql, contact.id, claimantContactId, identity);
  return { contactId: contact.id, identityId };
}

export type ClaimOutcome = 'linked' | 'already_theirs' | 'claimed' | 'merged' | 'suggested';

/**
 * An address a contact gave on another channel (the email typed into the chat form). Free, it
 * becomes one of their identities (replies can reach it; an unproven one stays marked, so its
 * proven owner later gets a contact of their own). Owned by another contact: verified, the two
 * contacts are merged; unverified, a merge is suggested and nothing moves.
 */
export async function claimIdentity(
  tx: TicketTx,
  contactId: string,
  identity: { kind: string; address: string },
  verified: boolean,
): Promise<ClaimOutcome> {
  const { sql } = tx;
  const [inserted] = await sql.query<{ id: string }>(
    `INSERT INTO contact_identities (contact_id, kind, address, unverified_claim) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kind, address) DO NOTHING RETURNING id`,
    [contactId, identity.kind, identity.address, !verified],
  );
  if (inserted) return verified ? 'linked' : 'claimed';
  const [owner] = await sql.query<{ contact_id: string; unverified_claim: boolean }>(
    `SELECT contact_id, unverified_claim FROM contact_identities WHERE kind = $1 AND address = $2`,
    [identity.kind, identity.address],
  );
  if (!owner || owner.contact_id === contactId) {
    // Proof for an address this contact only claimed so far.
    if (owner && verified && owner.unverified_claim)
      await sql.query(
        `UPDATE contact_identities SET unverified_claim = false WHERE kind = $1 AND address = $2`,
        [identity.kind, identity.address],
      );
    return 'already_theirs';
  }
  if (verified && !owner.unverified_claim) {
    // Both sides proven: one person. The claimant's contact joins the owner's.
    await mergeContacts(tx, owner.contact_id, contactId, null);
    return 'merged';
  }
  await recordMergeSuggestion(sql, contactId, owner.contact_id, identity);
  return 'suggested';
}

/** The contacts that may be the same person as this one, newest first. */
export async function mergeSuggestionsOf(sql: Sql, contactId: string): Promise<ContactMergeSuggestionView[]> {
  const rows = await sql.query<{
    id: string;
    other_id: string;
    other_name: string | null;
    kind: string;
    address: string;
    created_at: Date;
  }>(
    `SELECT s.id, c.id AS other_id, c.name AS other_name, s.kind, s.address, s.created_at
       FROM contact_merge_suggestions s
       JOIN contacts c ON c.id = CASE WHEN s.contact_id = $1 THEN s.other_contact_id ELSE s.contact_id END
      WHERE (s.contact_id = $1 OR s.other_contact_id = $1) AND s.dismissed_at IS NULL
      ORDER BY s.created_at DESC LIMIT 50`,
    [contactId],
  );
  return rows.map((r) => ({
    id: r.id,
    contact: { id: r.other_id, name: r.other_name },
    identity: { kind: r.kind, address: r.address },
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
