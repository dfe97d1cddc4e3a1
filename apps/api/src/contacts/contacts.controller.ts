import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ContactListQuery,
  ContactTimelineQuery,
  CreateContactNoteBody,
  PatchContactBody,
} from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { isUuid, parseInput } from '../common/validation.js';
import { ContactMergeService } from './contact-merge.service.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ContactQueries } from './contact-queries.js';
import { MergeSuggestions } from './merge-suggestions.service.js';
import { ContactSearch } from './contact-search.js';
import { ContactTimeline } from './contact-timeline.js';
import { requireVisibleContact } from './contact-visibility.js';
import { Db } from '../common/db.js';

@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly db: Db,
    private readonly contacts: ContactQueries,
    private readonly search: ContactSearch,
    private readonly timelines: ContactTimeline,
    private readonly profiles: ContactProfileService,
    private readonly merges: ContactMergeService,
    private readonly suggestions: MergeSuggestions,
  ) {}

  /** Contacts the viewer may see, newest first; `q` matches names, addresses and organizations. */
  @Get()
  list(@CurrentViewer() viewer: AuthenticatedViewer, @Query() query: unknown) {
    return this.search.list(viewer, parseInput(ContactListQuery, query));
  }

  /** A contact with profile, identities, notes, satisfaction and the tickets of theirs the viewer may see; unseen → 404. */
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

  /** "Not the same person": the suggestion between the two contacts is dismissed for good. */
  @Post(':id/merge-suggestions/:otherId/dismiss')
  @HttpCode(204)
  async dismissMergeSuggestion(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
    @Param('otherId') otherId: string,
  ): Promise<void> {
    await this.suggestions.dismiss(viewer, id, otherId);
  }

  /** Edits the profile and identities; answers the contact as `GET` does. */
  @Patch(':id')
  async patch(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    await this.profiles.patch(viewer, id, parseInput(PatchContactBody, body));
    return this.contacts.get(viewer, id);
  }

  /** Every message of the contact's visible tickets across channels, newest first, by cursor. */
  @Get(':id/timeline')
  timeline(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Query() query: unknown) {
    if (!isUuid(id)) throw new NotFoundException('contact not found');
    return this.timelines.page(viewer, id, parseInput(ContactTimelineQuery, query));
  }

  @Get(':id/notes')
  async notes(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    if (!isUuid(id)) throw new NotFoundException('contact not found');
    await requireVisibleContact(this.db, viewer, id);
    return { items: await this.contacts.notes(id) };
  }

  @Post(':id/notes')
  addNote(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.profiles.addNote(viewer, id, parseInput(CreateContactNoteBody, body).body);
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
