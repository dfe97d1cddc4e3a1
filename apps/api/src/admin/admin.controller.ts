import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  CreateChannelAccountBody,
  CreateTeamBody,
  CreateUserBody,
  DisableUserBody,
} from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { assertStrongPassword } from '../auth/password-policy.js';
import {
  ChannelAccountSetup,
  requestBaseUrl,
  type RequestOrigin,
} from '../channel-accounts/channel-account-setup.js';
import { parseInput } from '../common/validation.js';
import { PeopleService } from '../people/people.service.js';
import { AdminAccountsRepository } from './admin-accounts.repository.js';

/** Admin-only setup. Bodies are parsed by strict schemas: unknown fields are refused, not stored. */
@Controller('admin')
@Roles('admin')
export class AdminController {
  constructor(
    private readonly accounts: AdminAccountsRepository,
    private readonly people: PeopleService,
    private readonly setup: ChannelAccountSetup,
  ) {}

  @Post('users')
  async createUser(@Body() body: unknown) {
    const input = parseInput(CreateUserBody, body);
    assertStrongPassword('password', input.password, input);
    await this.accounts.requireTeams(input.teamIds);
    return this.accounts.createUser(input);
  }

  /** Disabling a user ends their sessions at once and moves their open tickets (see `PeopleService.disable`). */
  @Post('users/:id/disable')
  @HttpCode(200)
  disableUser(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.people.disable(viewer, id, parseInput(DisableUserBody, body ?? {}).reassignToAgentId ?? null);
  }

  @Post('teams')
  async createTeam(@Body() body: unknown) {
    const input = parseInput(CreateTeamBody, body);
    return this.accounts.createTeam(input.name);
  }

  @Post('channel-accounts')
  async createChannelAccount(@Body() body: unknown, @Req() req: RequestOrigin) {
    const input = parseInput(CreateChannelAccountBody, body);
    if (input.teamId) await this.accounts.requireTeams([input.teamId]);
    return this.setup.create(input, requestBaseUrl(req));
  }

  @Get('channel-accounts')
  async listChannelAccounts(@Req() req: RequestOrigin) {
    return { items: await this.setup.list(requestBaseUrl(req)) };
  }
}
