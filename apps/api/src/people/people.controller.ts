import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { PatchTeamBody, PatchUserBody, ResetPasswordBody } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { PeopleService } from './people.service.js';

/** Admins manage people and teams; creating them stays on `AdminController`. */
@Controller('admin')
@Roles('admin')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get('users')
  async users() {
    return { items: await this.people.listUsers() };
  }

  @Patch('users/:id')
  updateUser(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.people.updateUser(viewer, id, parseInput(PatchUserBody, body));
  }

  @Post('users/:id/reset-password')
  resetPassword(@Param('id') id: string, @Body() body: unknown) {
    return this.people.resetPassword(id, parseInput(ResetPasswordBody, body).password);
  }

  @Get('teams')
  async teams() {
    return { items: await this.people.listTeams() };
  }

  @Patch('teams/:id')
  updateTeam(@Param('id') id: string, @Body() body: unknown) {
    return this.people.updateTeam(id, parseInput(PatchTeamBody, body));
  }
}
