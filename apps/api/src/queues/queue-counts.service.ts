import { Injectable } from '@nestjs/common';
import type { QueueCountsView } from '@switchboard/contracts';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';

/** Active tickets per queue, under the same visibility rule as the ticket list. */
@Injectable()
export class QueueCounts {
  constructor(private readonly db: Db) {}

  async counts(viewer: AuthenticatedViewer): Promise<QueueCountsView> {
    const params: unknown[] = [viewer.userId];
    const rows = await this.db.query<{
      team_id: string | null;
      total: string;
      mine: string;
      unassigned: string;
    }>(
      `SELECT t.team_id, count(*) AS total,
              count(*) FILTER (WHERE t.assignee_id = $1) AS mine,
              count(*) FILTER (WHERE t.assignee_id IS NULL) AS unassigned
         FROM tickets t
        WHERE t.status NOT IN ('solved', 'closed') AND ${visibleTo(viewer, params)}
        GROUP BY t.team_id`,
      params,
    );
    const out: QueueCountsView = { mine: 0, unassigned: 0, all: 0, teams: {} };
    for (const r of rows) {
      out.mine += Number(r.mine);
      out.unassigned += Number(r.unassigned);
      out.all += Number(r.total);
      if (r.team_id) out.teams[r.team_id] = Number(r.total);
    }
    // A team of mine with nothing open still shows 0, not "unknown".
    for (const teamId of viewer.teamIds) out.teams[teamId] ??= 0;
    return out;
  }
}
