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

  private async seesContact(viewer: AuthenticatedViewer, contactId: string): Promise<boolean> {
    const params: unknown[] = [contactId];
    const [row] = await this.db.query(
      `SELECT 1 FROM tickets t WHERE t.contact_id = $1 AND ${visibleTo(viewer, params)} LIMIT 1`,
      params,
    );
    return !!row;
  }
}
