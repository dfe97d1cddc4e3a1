import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { MergeTicketBody, SplitTicketBody, isUuid } from '@switchboard/contracts';
import { conflict, invalid, notFound } from '@switchboard/domain';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { TicketQueries } from '../tickets/ticket-queries.js';
import { MergeTicket } from './merge-ticket.js';
import { SplitTicket } from './split-ticket.js';
import { TicketLinks } from './ticket-links.js';

/** Merge, undo, split and the links they leave, under /api/tickets/:id. */
@Controller('tickets')
export class TicketMergeController {
  constructor(
    private readonly queries: TicketQueries,
    private readonly merges: MergeTicket,
    private readonly splits: SplitTicket,
    private readonly links: TicketLinks,
  ) {}

  @Post(':id/merge')
  @HttpCode(200)
  merge(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.merges.merge(viewer, id, parseInput(MergeTicketBody, body));
  }

  @Post(':id/merge/undo')
  @HttpCode(200)
  undo(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.merges.undo(viewer, id);
  }

  @Post(':id/split')
  @HttpCode(201)
  split(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.splits.split(viewer, id, parseInput(SplitTicketBody, body));
  }

  @Get(':id/links')
  async linksOf(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    if (!(await this.queries.findVisible(viewer, id))) throw notFound('ticket not found');
    return this.links.of(id);
  }

  @Get(':id/merge-preview')
  async preview(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
    @Query('intoTicketId') intoTicketId: unknown,
  ) {
    if (typeof intoTicketId !== 'string' || !isUuid(intoTicketId))
      throw invalid('intoTicketId: must be a ticket id');
    if (!(await this.queries.findVisible(viewer, id))) throw notFound('ticket not found');
    if (!(await this.queries.findVisible(viewer, intoTicketId))) throw notFound('ticket not found');
    if (id === intoTicketId) throw conflict('a ticket cannot be merged into itself');
    return this.links.preview(id, intoTicketId);
  }
}
