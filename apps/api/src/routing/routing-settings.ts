import { Injectable } from '@nestjs/common';
import type { AssignmentSettings, CapacityView } from '@switchboard/contracts';
import { notFound, type Availability, type TeamAssignment } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { recordRoutingRecheck } from './routing-signals.js';

/**
 * Agents' capacity and teams' assignment mode, as admins set them. Either change can free room
 * for waiting tickets, so it asks the engine to look again in the same transaction.
 */
@Injectable()
export class RoutingSettings {
  constructor(private readonly db: Db) {}

  /** Replaces the agent's limits (a limit left out is no limit). */
  async setCapacity(userId: string, capacity: CapacityView): Promise<void> {
    if (!isUuid(userId)) throw notFound('user not found');
    await this.db.tx(async (sql) => {
      const rows = await sql.query(
        `UPDATE users SET capacity = $2, updated_at = now() WHERE id = $1 RETURNING id`,
        [userId, capacity],
      );
      if (rows.length === 0) throw notFound('user not found');
      await recordRoutingRecheck(sql, { userId });
    });
  }

  async routingOf(userId: string): Promise<{ capacity: CapacityView; availability: Availability }> {
    const row = await this.db.one<{ capacity: CapacityView; availability: Availability }>(
      `SELECT capacity, availability FROM users WHERE id = $1`,
      [userId],
    );
    if (!row) throw notFound('user not found');
    return row;
  }

  async setAssignment(teamId: string, assignment: AssignmentSettings): Promise<TeamAssignment> {
    if (!isUuid(teamId)) throw notFound('team not found');
    return this.db.tx(async (sql) => {
      const [row] = await sql.query<{ assignment: TeamAssignment }>(
        `UPDATE teams SET assignment = $2 WHERE id = $1 RETURNING assignment`,
        [teamId, assignment],
      );
      if (!row) throw notFound('team not found');
      await recordRoutingRecheck(sql, { teamIds: [teamId] });
      return row.assignment;
    });
  }

  async assignmentOf(teamId: string): Promise<TeamAssignment> {
    const row = await this.db.one<{ assignment: TeamAssignment }>(
      `SELECT assignment FROM teams WHERE id = $1`,
      [teamId],
    );
    if (!row) throw notFound('team not found');
    return row.assignment;
  }
}
