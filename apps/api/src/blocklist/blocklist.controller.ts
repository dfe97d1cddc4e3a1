import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { NewBlocklistEntry, SpamListQuery } from './blocklist-input.js';
import { BlocklistService } from './blocklist.service.js';
import { FloodLimit, readFloodLimit, writeFloodLimit } from './flood-limit.js';
import { SpamTickets } from './spam-tickets.js';
import { TicketSpam } from './ticket-spam.js';

/** Admins keep the blocklist and the flood limit. */
@Controller('admin/blocklist')
@Roles('admin')
export class BlocklistAdminController {
  constructor(
    private readonly blocklist: BlocklistService,
    private readonly db: Db,
  ) {}

  @Get()
  async list() {
    return { items: await this.blocklist.list() };
  }

  @Post()
  create(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.blocklist.add(parseInput(NewBlocklistEntry, body), viewer.userId);
  }

  @Delete(':id')
  remove(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.blocklist.remove(id, viewer.userId);
  }

  @Get('flood-limit')
  floodLimit() {
    return readFloodLimit(this.db);
  }

  @Put('flood-limit')
  async setFloodLimit(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    const limit = parseInput(FloodLimit, body);
    await writeFloodLimit(this.db, limit, viewer.userId);
    return limit;
  }
}

/** The spam view and the ticket's spam actions: anyone who can see the ticket. */
@Controller()
export class SpamController {
  constructor(
    private readonly blocklist: BlocklistService,
    private readonly spamTickets: SpamTickets,
    private readonly ticketSpam: TicketSpam,
    private readonly db: Db,
  ) {}

  @Get('spam/tickets')
  list(@CurrentViewer() viewer: AuthenticatedViewer, @Query() query: unknown) {
    return this.spamTickets.list(viewer, parseInput(SpamListQuery, query));
  }

  @Get('tickets/:id/spam')
  state(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.ticketSpam.state(this.db, viewer, id);
  }

  @Post('tickets/:id/spam')
  @HttpCode(200)
  markSpam(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.blocklist.markSpam(viewer, id);
  }

  @Delete('tickets/:id/spam')
  notSpam(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.blocklist.notSpam(viewer, id);
  }

  @Get('tickets/:id/folded-messages')
  folded(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.spamTickets.folded(viewer, id);
  }
}
