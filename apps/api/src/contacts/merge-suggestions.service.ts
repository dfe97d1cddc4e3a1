import { Injectable } from '@nestjs/common';
import type { ContactMergeSuggestionView } from '@switchboard/contracts';
import { notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { mergeSuggestionsOf } from './identity-linking.js';

/**
 * Contacts that may be the same person as this one, under the ticket visibility rule: the
 * contact must have a ticket the viewer sees (else 404), and only suggested contacts that also
 * have one are listed, so a suggestion never reveals a stranger's name or address.
 */
@Injectable()
export class MergeSuggestions {
  constructor(private readonly db: Db) {}

  async list(
    viewer: AuthenticatedViewer,
    contactId: string,
  ): Promise<{ items: ContactMergeSuggestionView[] }> {
    if (!isUuid(contactId) || !(await this.seesContact(viewer, contactId)))
      throw notFound('contact not found');
    const suggestions = await mergeSuggestionsOf(this.db, contactId);
    const visible = await Promise.all(suggestions.map((s) => this.seesContact(viewer, s.contact.id)));
    return { items: suggestions.filter((_, i) => visible[i]) };
  }

  /** "Not the same person": every open suggestion between the two contacts is dismissed; 404 if there is none. */
  async dismiss(viewer: AuthenticatedViewer, contactId: string, otherContactId: string): Promise<void> {
    if (!isUuid(contactId) || !isUuid(otherContactId) || !(await this.seesContact(viewer, contactId)))
      throw notFound('contact not found');
    const dismissed = await this.db.query(
      `UPDATE contact_merge_suggestions SET dismissed_at = now(), dismissed_by = $3
        WHERE LEAST(contact_id, other_contact_id) = LEAST($1::uuid, $2::uuid)
          AND GREATEST(contact_id, other_contact_id) = GREATEST($1::uuid, $2::uuid)
          AND dismissed_at IS NULL
        RETURNING id`,
      [contactId, otherContactId, viewer.userId],
    );
    if (dismissed.length === 0) throw notFound('no merge suggestion between these contacts');
  }

  private async seesContact(viewer: AuthenticatedViewer, contactId: string): Promise<boolean> {
    const params: unknown[] = [contactId];
    const [row] = await this.db.query(
      `SELECT 1 FROM tickets t WHERE t.contact_id = $1 AND ${visibleTo(viewer, params)} LIMIT 1`,
      params,
    );
    return !!row;
  }
}
