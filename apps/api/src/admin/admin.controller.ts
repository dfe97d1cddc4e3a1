import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CreateChannelAccountBody, CreateTeamBody, CreateUserBody } from '@switchboard/contracts';
import { conflict, invalid } from '@switchboard/domain';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { assertStrongPassword } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import { ChannelAccountSetup, requestBaseUrl, type RequestOrigin } from '../channel-accounts/channel-account-setup.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { PeopleService } from '../people/people.service.js';

const UNIQUE_VIOLATION = '23505';

/** Admin-only setup. Bodies are parsed by strict schemas: unknown fields are refused, not stored. */
@Controller('admin')
@Roles('admin')
export class AdminController {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly setup: ChannelAccountSetup,
  ) {}

  @Post('users')
  async createUser(@Body() body: unknown) {
    const input = parseInput(CreateUserBody, body);
    assertStrongPassword('password', input.password, input);
    await this.requireTeams(input.teamIds);
    try {
      return await this.db.tx(async (sql) => {
        const [user] = await sql.query<{ id: string }>(`INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id`, [input.email, input.name, await hashPassword(input.password), input.role]);
        for (const teamId of input.teamIds) await sql.query(`INSERT INTO team_memberships (team_id, user_id) VALUES ($1, $2)`, [teamId, user.id]);
        return { id: user.id, email: input.email, name: input.name, role: input.role, teamIds: input.teamIds };
      });
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw conflict('email: a user with this email exists');
      throw err;
    }
  }

  /** Disabling a user ends their sessions and live connections at once; same guards as `PATCH users/:id`. */
  @Post('users/:id/disable')
  @HttpCode(204)
  async disableUser(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string): Promise<void> {
    await this.people.updateUser(viewer, id, { active: false });
  }

  @Post('teams')
  async createTeam(@Body() body: unknown) {
    const input = parseInput(CreateTeamBody, body);
    try {
      return await this.db.one(`INSERT INTO teams (name) VALUES ($1) RETURNING id, name`, [input.name]);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw conflict('name: a team with this name exists');
      throw err;
    }
  }

  @Post('channel-accounts')
  async createChannelAccount(@Body() body: unknown, @Req() req: RequestOrigin) {
    const input = parseInput(CreateChannelAccountBody, body);
    if (input.teamId) await this.requireTeams([input.teamId]);
    return this.setup.create(input, requestBaseUrl(req));
  }

  @Get('channel-accounts')
  async listChannelAccounts(@Req() req: RequestOrigin) {
    return { items: await this.setup.list(requestBaseUrl(req)) };
  }

  private async requireTeams(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.db.query<{ id: string }>(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [ids]);
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw invalid(`teamIds: unknown team ${missing.join(', ')}`);
  }
}
