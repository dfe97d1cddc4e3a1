import { Injectable } from '@nestjs/common';
import type { CreateUserBody } from '@switchboard/contracts';
import { hashPassword } from '../auth/passwords.js';
import { Db } from '../common/db.js';
import { conflict, invalid } from '@switchboard/domain';

const UNIQUE_VIOLATION = '23505';

/** Users and teams as admins create them; AdminController validates and calls these. */
@Injectable()
export class AdminAccountsRepository {
  constructor(private readonly db: Db) {}

  async createUser(input: CreateUserBody) {
    try {
      return await this.db.tx(async (sql) => {
        const [user] = await sql.query<{ id: string }>(
          `INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id`,
          [input.email, input.name, await hashPassword(input.password), input.role],
        );
        for (const teamId of input.teamIds)
          await sql.query(`INSERT INTO team_memberships (team_id, user_id) VALUES ($1, $2)`, [
            teamId,
            user.id,
          ]);
        return {
          id: user.id,
          email: input.email,
          name: input.name,
          role: input.role,
          teamIds: input.teamIds,
        };
      });
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION)
        throw conflict('email: a user with this email exists');
      throw err;
    }
  }

  async createTeam(name: string) {
    try {
      return await this.db.one(`INSERT INTO teams (name) VALUES ($1) RETURNING id, name`, [name]);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION)
        throw conflict('name: a team with this name exists');
      throw err;
    }
  }

  /** Every id must name a team. */
  async requireTeams(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.db.query<{ id: string }>(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw invalid(`teamIds: unknown team ${missing.join(', ')}`);
  }
}
