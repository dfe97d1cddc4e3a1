import { Module } from '@nestjs/common';
import { SearchLanguageController } from './search-language.controller.js';
import { SearchLanguage } from './search-language.service.js';
import { SearchReindexer } from './search-reindexer.js';
import { SearchController } from './search.controller.js';
import { TicketSearch } from './ticket-search.js';

/** Full-text search of tickets (messages, notes, subjects, contacts, attachment names) and its language. */
@Module({
  controllers: [SearchController, SearchLanguageController],
  providers: [TicketSearch, SearchLanguage, SearchReindexer],
})
export class SearchModule {}
