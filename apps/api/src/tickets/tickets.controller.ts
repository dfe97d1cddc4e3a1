import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  HoldBody,
  PatchTicketBody,
  PostMessageBody,
  TicketListQuery,
  TransferBody,
} from '@switchboard/contracts';
import { notFound } from '@switchboard/domain';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { gatherCustomFieldFilters } from '../custom-fields/custom-field-query.js';
import { TicketCommands } from './ticket-commands.service.js';
import { TicketQueries } from './ticket-queries.js';

@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly queries: TicketQueries,
    private readonly commands: TicketCommands,
  ) {}

  @Get()
  list(@CurrentViewer() viewer: AuthenticatedViewer, @Query() query: unknown) {
    return this.queries.list(viewer, parseInput(TicketListQuery, gatherCustomFieldFilters(query))); // `cf.<key>=value` filters
  }

  @Get(':id')
  async get(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    const ticket = await this.queries.findVisible(viewer, id);
    if (!ticket) throw notFound('ticket not found');
    return { ...ticket, ...(await this.queries.replyRoutes(ticket)) }; // contact identities with reply routes
  }

  @Get(':id/messages')
  async timeline(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    const ticket = await this.queries.findVisible(viewer, id);
    if (!ticket) throw notFound('ticket not found');
    return { items: await this.queries.timeline(ticket.id) };
  }

  @Post(':id/messages')
  postMessage(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.commands.postMessage(viewer, id, parseInput(PostMessageBody, body));
  }

  @Patch(':id')
  patch(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.commands.patch(viewer, id, parseInput(PatchTicketBody, body));
  }

  @Post(':id/hold')
  @HttpCode(200)
  hold(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.commands.hold(viewer, id, parseInput(HoldBody, body));
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.commands.resume(viewer, id);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.commands.transfer(viewer, id, parseInput(TransferBody, body));
  }

  @Post(':id/handoff/ack')
  @HttpCode(204)
  async acknowledgeHandoff(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
  ): Promise<void> {
    await this.commands.acknowledgeHandoff(viewer, id);
  }
}
