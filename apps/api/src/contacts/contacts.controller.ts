import { Body, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { PatchContactBody } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { isUuid, parseInput } from '../common/validation.js';
import { ContactMergeService } from './contact-merge.service.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ContactQueries } from './contact-queries.js';
import { MergeSuggestions } from './merge-suggestions.service.js';

@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactQueries,
    private readonly merges: ContactMergeService,
    private readonly suggestions: MergeSuggestions,
    private readonly profiles: ContactProfileService,
  ) {}

  /** Edits the contact's details and custom fields; each change shows on their open tickets' timelines. */
  @Patch(':id')
  patch(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    if (!isUuid(id)) throw new NotFoundException('contact not found');
    return this.profiles.patch(viewer, id, parseInput(PatchContactBody, body));
  }

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
