import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { isUuid } from '../common/validation.js';
import { ContactMergeService } from './contact-merge.service.js';
import { ContactQueries } from './contact-queries.js';
import { MergeSuggestions } from './merge-suggestions.service.js';

@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactQueries,
    private readonly merges: ContactMergeService,
    private readonly suggestions: MergeSuggestions,
  ) {}

  /** A contact with every identity and the tickets of theirs the viewer may see; none visible → 404. */
  @Get(':id')
  async get(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    if (!isUuid(id)) throw new NotFoundException('contact not found');
    return this.contacts.get(viewer, id);
  }

  /** Contacts that may be the same person (an address seen on another channel without proof). */
  @Get(':id/merge-suggestions')
  mergeSuggestions(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.suggestions.list(viewer, id);
  }

  /** Merges another contact into this one (identities and tickets move; each moved ticket shows it); supervisors and admins only. */
  @Post(':id/merge')
  @HttpCode(200)
  merge(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
    @Body() body: { otherContactId?: unknown } | undefined,
  ) {
    return this.merges.merge(viewer, id, body?.otherContactId);
  }
}
