import { Module } from '@nestjs/common';
import { SearchController } from './search.controller.js';
import { TicketSearch } from './ticket-search.js';

/** Full-text search of tickets: messages, notes, subjects, contacts, attachment names. */
@Module({
  controllers: [SearchController],
  providers: [TicketSearch],
})
export class SearchModule {}
