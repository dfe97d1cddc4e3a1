import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { BotBody, BotHandoffBody, BotReplyBody } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { BotTicketsService } from './bot-tickets.service.js';
import { BotsService } from './bots.service.js';

/** Bots: admins configure them; an external bot answers and hands off with its API token. */
@Controller()
export class BotsController {
  constructor(
    private readonly bots: BotsService,
    private readonly tickets: BotTicketsService,
  ) {}

  @Get('admin/bots')
  @Roles('admin')
  list() {
    return this.bots.list();
  }

  @Get('admin/bots/:id')
  @Roles('admin')
  get(@Param('id') id: string) {
    return this.bots.get(id);
  }

  @Post('admin/bots')
  @Roles('admin')
  create(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.bots.create(viewer, parseInput(BotBody, body));
  }

  @Put('admin/bots/:id')
  @Roles('admin')
  update(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.bots.update(viewer, id, parseInput(BotBody, body));
  }

  @Delete('admin/bots/:id')
  @Roles('admin')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.bots.remove(id);
  }

  @Post('tickets/:id/bot-reply')
  reply(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.tickets.reply(viewer, id, parseInput(BotReplyBody, body));
  }

  @Post('tickets/:id/handoff')
  @HttpCode(200)
  handoff(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.tickets.handoff(viewer, id, parseInput(BotHandoffBody, body));
  }
}
