import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { notFound } from '@switchboard/domain';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { ContactMergeService } from './contact-merge.service.js';
import { TICKET_COLUMNS, TICKET_FROM, toTicketView, type TicketRow } from '../tickets/ticket-rows.js';

@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly db: Db,
    private readonly merges: ContactMergeService,
  ) {}

  /** A contact with every identity and the tickets of theirs the viewer may see; none visible → 404. */
  @Get(':id')
  async get(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    if (!isUuid(id)) throw notFound('contact not found');
    const params: unknown[] = [id];
    const tickets = await this.db.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.contact_id = $1 AND ${visibleTo(viewer, params)} ORDER BY t.updated_at DESC LIMIT 100`,
      params,
    );
    if (tickets.length === 0) throw notFound('contact not found');
    const contact = await this.db.one<{ id: string; name: string | null; notes: string | null; created_at: Date }>(`SELECT id, name, notes, created_at FROM contacts WHERE id = $1`, [id]);
    const identities = await this.db.query(`SELECT id, kind, address, opted_out_at AS "optedOutAt" FROM contact_identities WHERE contact_id = $1 ORDER BY created_at`, [id]);
    return { id: contact!.id, name: contact!.name, notes: contact!.notes, createdAt: contact!.created_at, identities, tickets: tickets.map(toTicketView) };
  }

  /** Merges another contact into this one (identities and tickets move; each moved ticket shows it); supervisors and admins only. */
  @Post(':id/merge')
  @HttpCode(200)
  merge(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: { otherContactId?: unknown } | undefined) {
    return this.merges.merge(viewer, id, body?.otherContactId);
  }
}
