import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { ContactMergeService } from './contact-merge.service.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ContactQueries } from './contact-queries.js';
import { ContactSearch } from './contact-search.js';
import { ContactTimeline } from './contact-timeline.js';
import { ContactsController } from './contacts.controller.js';
import { MergeSuggestions } from './merge-suggestions.service.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';

@Module({
  imports: [EventsModule, TicketWriterModule],
  controllers: [ContactsController, OrganizationsController],
  providers: [
    ContactMergeService,
    ContactProfileService,
    ContactQueries,
    ContactSearch,
    ContactTimeline,
    MergeSuggestions,
    OrganizationsService,
  ],
})
export class ContactsModule {}
