import { Controller, Get, Query } from '@nestjs/common';
import { TicketSearchQuery, type TicketSearchPage } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { TicketSearch } from './ticket-search.js';

/** The console's search box: every signed-in agent, over the tickets they may open. */
@Controller('search')
export class SearchController {
  constructor(private readonly search: TicketSearch) {}

  @Get()
  find(@CurrentViewer() viewer: AuthenticatedViewer, @Query() query: unknown): Promise<TicketSearchPage> {
    return this.search.search(viewer, parseInput(TicketSearchQuery, query));
  }
}
