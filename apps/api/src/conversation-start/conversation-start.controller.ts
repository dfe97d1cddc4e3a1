import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { StartConversationBody } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { ConversationRecipients } from './conversation-recipients.js';
import { StartConversation } from './start-conversation.service.js';
import { TicketFollowers } from './ticket-followers.service.js';

/** Conversations agents start (`POST /api/tickets`) and the followers of a ticket. */
@Controller()
export class ConversationStartController {
  constructor(
    private readonly starter: StartConversation,
    private readonly followers: TicketFollowers,
    private readonly recipients: ConversationRecipients,
  ) {}

  @Post('tickets')
  @HttpCode(201)
  start(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    return this.starter.start(viewer, parseInput(StartConversationBody, body), idempotencyKey);
  }

  /** The channel accounts the caller may start a conversation on. */
  @Get('conversations/accounts')
  async accounts(@CurrentViewer() viewer: AuthenticatedViewer) {
    return { items: await this.starter.usableAccounts(viewer) };
  }

  /** Contacts the caller may write to, by name or address (the "New conversation" search). */
  @Get('conversations/recipients')
  async search(@CurrentViewer() viewer: AuthenticatedViewer, @Query('q') q: unknown) {
    return { items: await this.recipients.search(viewer, typeof q === 'string' ? q : '') };
  }

  @Get('tickets/:id/followers')
  list(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.followers.list(viewer, id);
  }

  @Post('tickets/:id/followers')
  @HttpCode(200)
  follow(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.followers.follow(viewer, id);
  }

  @Delete('tickets/:id/followers')
  unfollow(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.followers.unfollow(viewer, id);
  }
}
