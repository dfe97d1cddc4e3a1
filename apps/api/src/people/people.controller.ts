import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { PatchTeamBody, PatchUserBody, ResetPasswordBody } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { RoutingSettings } from '../routing/routing-settings.js';
import { PeopleService } from './people.service.js';

/** Admins manage people and teams; creating them stays on `AdminController`. */
@Controller('admin')
@Roles('admin')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly routing: RoutingSettings,
  ) {}

  @Get('users')
  async users() {
    return { items: await this.people.listUsers() };
  }

  @Patch('users/:id')
  async updateUser(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const { capacity, ...patch } = parseInput(PatchUserBody, body);
    const user = await this.people.updateUser(viewer, id, patch);
    if (capacity) await this.routing.setCapacity(id, capacity);
    return { ...user, ...(await this.routing.routingOf(id)) };
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
  async updateTeam(@Param('id') id: string, @Body() body: unknown) {
    const { assignment, ...patch } = parseInput(PatchTeamBody, body);
    const team = await this.people.updateTeam(id, patch);
    return {
      ...team,
      assignment: assignment
        ? await this.routing.setAssignment(id, assignment)
        : await this.routing.assignmentOf(id),
    };
  }
}
