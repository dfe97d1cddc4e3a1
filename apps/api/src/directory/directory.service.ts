import { Injectable } from '@nestjs/common';
import { Db } from '../common/db.js';

/** Active colleagues and all teams. */
@Injectable()
export class DirectoryService {
  constructor(private readonly db: Db) {}

  users() {
    return this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.availability, ARRAY(SELECT team_id::text FROM team_memberships m WHERE m.user_id = u.id) AS "teamIds"
         FROM users u WHERE u.active ORDER BY u.name`,
    );
  }

  teams() {
    return this.db.query(`SELECT id, name FROM teams ORDER BY name`);
  }
}
