import { Body, Controller, Get, Put } from '@nestjs/common';
import { AvailabilityBody } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { AvailabilityService } from './availability.service.js';

/** An agent's own availability, and colleagues with theirs (for the header and assignee pickers). */
@Controller()
export class RoutingController {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly db: Db,
  ) {}

  @Put('me/availability')
  setAvailability(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.availability.set(viewer.userId, parseInput(AvailabilityBody, body).status);
  }

  @Get('agents')
  async agents() {
    const items = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.availability,
              ARRAY(SELECT team_id::text FROM team_memberships m WHERE m.user_id = u.id ORDER BY team_id) AS "teamIds"
         FROM users u WHERE u.active ORDER BY u.name`,
    );
    return { items };
  }
}
