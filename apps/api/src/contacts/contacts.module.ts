import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { ContactMergeService } from './contact-merge.service.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ContactQueries } from './contact-queries.js';
import { ContactsController } from './contacts.controller.js';
import { MergeSuggestions } from './merge-suggestions.service.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';

@Module({
  imports: [EventsModule, TicketWriterModule],
  controllers: [ContactsController],
  providers: [ContactMergeService, ContactQueries, MergeSuggestions, ContactProfileService],
})
export class ContactsModule {}
