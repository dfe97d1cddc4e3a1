import { Controller, Get } from '@nestjs/common';
import { Db } from '../common/db.js';

/** Colleagues and teams, for assigning and transferring: every agent may list them. */
@Controller()
export class DirectoryController {
  constructor(private readonly db: Db) {}

  @Get('users')
  async users() {
    const items = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, ARRAY(SELECT team_id::text FROM team_memberships m WHERE m.user_id = u.id) AS "teamIds"
         FROM users u WHERE u.active ORDER BY u.name`,
    );
    return { items };
  }

  @Get('teams')
  async teams() {
    return { items: await this.db.query(`SELECT id, name FROM teams ORDER BY name`) };
  }
}
