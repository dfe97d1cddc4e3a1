import type { Sql } from '../common/db.js';

/** What a blocklist entry names: one contact (all their handles), one handle, or an email domain. */
export const BLOCKLIST_KINDS = ['contact', 'address', 'domain'] as const;
export type BlocklistKind = (typeof BLOCKLIST_KINDS)[number];

/**
 * A handle as the blocklist stores and compares it: trimmed and lower-cased (email addresses,
 * chat and API handles), and a phone number written with spaces, dashes or brackets reduced to
 * the `+digits` form the SMS and WhatsApp adapters store.
 */
export function normalizeAddress(value: string): string {
  const trimmed = value.trim().toLowerCase();
  if (/^\+?[\d\s().-]{5,}$/.test(trimmed) && /\d/.test(trimmed))
    return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
  return trimmed;
}

/** A domain as stored: lower-case, without a leading `@` or dot and the trailing root dot. */
export function normalizeDomain(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[@.]+/, '')
    .replace(/\.$/, '');
}

/**
 * The domains a sender's address belongs to, most specific first: `a@mail.example.com` is in
 * `mail.example.com` and `example.com`, so blocking a domain also blocks its subdomains.
 * Handles without an `@` (phone numbers, chat ids) belong to no domain.
 */
export function domainsOf(address: string): string[] {
  const at = address.lastIndexOf('@');
  if (at < 0) return [];
  const labels = normalizeDomain(address.slice(at + 1))
    .split('.')
    .filter(Boolean);
  const domains: string[] = [];
  for (let i = 0; i + 1 < labels.length; i++) domains.push(labels.slice(i).join('.'));
  return domains;
}

/**
 * The SQL form of "this contact or this handle is blocked", over expressions yielding the
 * contact id and the handle: the one rule ingest, surveys and unblocking share. The handle's
 * domains are computed in SQL too, so the expression works over any row.
 */
export function blockedSenderSql(contactIdSql: string, addressSql: string): string {
  return `EXISTS (SELECT 1 FROM blocklist_entries b
     WHERE (b.kind = 'contact' AND b.contact_id = ${contactIdSql})
        OR (b.kind = 'address' AND b.value = lower(${addressSql}))
        OR (b.kind = 'domain' AND position('@' IN ${addressSql}) > 0
            AND (lower(split_part(${addressSql}, '@', 2)) = b.value
                 OR lower(split_part(${addressSql}, '@', 2)) LIKE '%.' || b.value)))`;
}

/** Whether any handle of the contact, or the contact itself, is blocked. */
export function contactBlockedSql(contactIdSql: string): string {
  return `(EXISTS (SELECT 1 FROM blocklist_entries b WHERE b.kind = 'contact' AND b.contact_id = ${contactIdSql})
     OR EXISTS (SELECT 1 FROM contact_identities bi WHERE bi.contact_id = ${contactIdSql}
                 AND ${blockedSenderSql(contactIdSql, 'bi.address')}))`;
}

export async function isContactBlocked(sql: Sql, contactId: string): Promise<boolean> {
  const [row] = await sql.query<{ blocked: boolean }>(`SELECT ${contactBlockedSql('$1::uuid')} AS blocked`, [
    contactId,
  ]);
  return row.blocked;
}
