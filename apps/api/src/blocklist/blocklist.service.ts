import { Injectable } from '@nestjs/common';
import { isUuid } from '@switchboard/contracts';
import { conflict, invalid, notFound, type Viewer } from '@switchboard/domain';
import { Db, type Sql } from '../common/db.js';
import { type BlocklistKind, normalizeAddress, normalizeDomain } from './blocked-senders.js';
import type { NewBlocklistEntry } from './blocklist-input.js';
import { TicketSpam } from './ticket-spam.js';

export interface BlocklistEntryView {
  id: string;
  kind: BlocklistKind;
  value: string;
  /** For a contact entry: who it is, so the list reads as people, not ids. */
  contactName: string | null;
  createdAt: string;
  createdBy: string | null;
}

interface EntryRow {
  id: string;
  kind: BlocklistKind;
  value: string;
  contact_name: string | null;
  created_at: Date;
  created_by_name: string | null;
}

const ENTRY_SELECT = `SELECT b.id, b.kind, b.value, c.name AS contact_name, b.created_at, u.name AS created_by_name
  FROM blocklist_entries b LEFT JOIN contacts c ON c.id = b.contact_id LEFT JOIN users u ON u.id = b.created_by`;

const toView = (r: EntryRow): BlocklistEntryView => ({
  id: r.id,
  kind: r.kind,
  value: r.value,
  contactName: r.contact_name,
  createdAt: new Date(r.created_at).toISOString(),
  createdBy: r.created_by_name,
});

/** A domain name as people write it: labels of letters, digits and dashes, at least two of them. */
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/**
 * The blocklist: who may not reach the queues. Entries are added by admins (or by an agent's
 * "mark as spam", which blocks the ticket's contact); removing one puts back into the queues
 * every spam ticket that no other entry still holds.
 */
@Injectable()
export class BlocklistService {
  constructor(
    private readonly db: Db,
    private readonly spam: TicketSpam,
  ) {}

  async list(): Promise<BlocklistEntryView[]> {
    const rows = await this.db.query<EntryRow>(`${ENTRY_SELECT} ORDER BY b.created_at DESC, b.id`);
    return rows.map(toView);
  }

  /** Adds an entry; 409 when the same one exists, 404 for a contact that does not. */
  async add(input: NewBlocklistEntry, actorId: string): Promise<BlocklistEntryView> {
    return this.db.tx(async (sql) => {
      const id = await this.insert(sql, input, actorId);
      if (!id) throw conflict(`${input.kind} ${input.value} is already blocked`);
      const [row] = await sql.query<EntryRow>(`${ENTRY_SELECT} WHERE b.id = $1`, [id]);
      return toView(row);
    });
  }

  /** The entry's id, or null when it was already there. */
  async insert(sql: Sql, input: NewBlocklistEntry, actorId: string | null): Promise<string | null> {
    const { kind } = input;
    let value: string;
    let contactId: string | null = null;
    if (kind === 'contact') {
      if (!isUuid(input.value)) throw invalid('value: a contact id (uuid) for kind contact');
      const [contact] = await sql.query<{ id: string }>(`SELECT id FROM contacts WHERE id = $1`, [
        input.value,
      ]);
      if (!contact) throw notFound('contact not found');
      value = contactId = contact.id;
    } else if (kind === 'address') {
      value = normalizeAddress(input.value);
      if (!value) throw invalid('value: an address must not be empty');
    } else {
      value = normalizeDomain(input.value);
      if (!DOMAIN.test(value)) throw invalid('value: a domain such as example.com');
    }
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO blocklist_entries (kind, value, contact_id, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, value) DO NOTHING RETURNING id`,
      [kind, value, contactId, actorId],
    );
    return row?.id ?? null;
  }

  /** Removes an entry and restores the spam tickets nothing blocks any more; their ids. */
  async remove(id: string, actorId: string): Promise<{ restoredTicketIds: string[] }> {
    if (!isUuid(id)) throw notFound('blocklist entry not found');
    return this.spam.transaction(async (tx) => {
      const [entry] = await tx.sql.query<{ kind: BlocklistKind; value: string; contact_id: string | null }>(
        `DELETE FROM blocklist_entries WHERE id = $1 RETURNING kind, value, contact_id`,
        [id],
      );
      if (!entry) throw notFound('blocklist entry not found');
      const contactIds = await this.contactsMatching(tx.sql, entry);
      const restoredTicketIds = await this.spam.restoreUnblocked(tx, contactIds, actorId, 'unblocked');
      return { restoredTicketIds };
    });
  }

  /** The contacts an entry named: the contact, the owners of the handle, or the owners of addresses in the domain. */
  private async contactsMatching(
    sql: Sql,
    entry: { kind: BlocklistKind; value: string; contact_id: string | null },
  ): Promise<string[]> {
    if (entry.kind === 'contact') return entry.contact_id ? [entry.contact_id] : [];
    const rows = await sql.query<{ contact_id: string }>(
      entry.kind === 'address'
        ? `SELECT DISTINCT contact_id FROM contact_identities WHERE lower(address) = $1`
        : `SELECT DISTINCT contact_id FROM contact_identities
            WHERE position('@' IN address) > 0
              AND (lower(split_part(address, '@', 2)) = $1 OR lower(split_part(address, '@', 2)) LIKE '%.' || $1)`,
      [entry.value],
    );
    return rows.map((r) => r.contact_id);
  }

  /**
   * "Mark as spam": blocks the ticket's contact (all their handles) and moves the ticket to the
   * spam view. Anyone who can see the ticket may do it; the entry names who did.
   */
  async markSpam(
    viewer: Viewer,
    ticketId: string,
  ): Promise<{ ticketId: string; blocklistEntryId: string | null }> {
    if (!isUuid(ticketId)) throw notFound('ticket not found');
    return this.spam.transaction(async (tx) => {
      const ticket = await this.spam.lockVisible(tx, viewer, ticketId);
      await this.spam.markSpam(tx, ticket, 'marked', viewer.userId);
      const entryId = await this.insert(tx.sql, { kind: 'contact', value: ticket.contact_id }, viewer.userId);
      return { ticketId, blocklistEntryId: entryId };
    });
  }

  /**
   * "Not spam": unblocks the ticket's contact and their handles, and restores the ticket with
   * every other spam ticket of theirs. A domain entry stays (it speaks for many senders): it is
   * named in `stillBlockedBy`, and the contact's next message goes to spam again.
   */
  async notSpam(
    viewer: Viewer,
    ticketId: string,
  ): Promise<{ restoredTicketIds: string[]; stillBlockedBy: Array<{ kind: BlocklistKind; value: string }> }> {
    if (!isUuid(ticketId)) throw notFound('ticket not found');
    return this.spam.transaction(async (tx) => {
      const ticket = await this.spam.lockVisible(tx, viewer, ticketId);
      const { spam } = await this.spam.state(tx.sql, viewer, ticketId);
      if (!spam) throw conflict('the ticket is not in the spam view');
      await tx.sql.query(
        `DELETE FROM blocklist_entries
          WHERE (kind = 'contact' AND contact_id = $1)
             OR (kind = 'address' AND value IN (SELECT lower(address) FROM contact_identities WHERE contact_id = $1))`,
        [ticket.contact_id],
      );
      const others = await this.spam.restoreUnblocked(tx, [ticket.contact_id], viewer.userId, 'not_spam');
      // Still held by a domain entry: this ticket comes back all the same, as the agent asked.
      if (!others.includes(ticketId)) await this.spam.restore(tx, ticketId, viewer.userId, 'not_spam');
      const restoredTicketIds = others.includes(ticketId) ? others : [ticketId, ...others];
      const stillBlockedBy = await tx.sql.query<{ kind: BlocklistKind; value: string }>(
        `SELECT DISTINCT b.kind, b.value FROM blocklist_entries b JOIN contact_identities i ON i.contact_id = $1
          WHERE b.kind = 'domain' AND position('@' IN i.address) > 0
            AND (lower(split_part(i.address, '@', 2)) = b.value OR lower(split_part(i.address, '@', 2)) LIKE '%.' || b.value)`,
        [ticket.contact_id],
      );
      return { restoredTicketIds, stillBlockedBy };
    });
  }
}
