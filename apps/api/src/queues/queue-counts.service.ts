import { Injectable } from '@nestjs/common';
import type { QueueCountsView } from '@switchboard/contracts';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { mentionsUser, visibleTo } from '../tickets/ticket-queries.js';

/**
 * Tickets per sidebar queue, under the same visibility rule as the ticket list: active ones per
 * assignee and team, every visible one per status view, and the active ones whose notes mention me.
 */
@Injectable()
export class QueueCounts {
  constructor(private readonly db: Db) {}

  async counts(viewer: AuthenticatedViewer): Promise<QueueCountsView> {
    const params: unknown[] = [viewer.userId];
    const visible = visibleTo(viewer, params);
    const mentionParams: unknown[] = [viewer.userId];
    const [rows, mentioned] = await Promise.all([
      this.db.query<{
        team_id: string | null;
        total: string;
        mine: string;
        unassigned: string;
        pending: string;
        on_hold: string;
        solved: string;
      }>(
        `SELECT t.team_id,
                count(*) FILTER (WHERE t.status NOT IN ('solved', 'closed')) AS total,
                count(*) FILTER (WHERE t.status NOT IN ('solved', 'closed') AND t.assignee_id = $1) AS mine,
                count(*) FILTER (WHERE t.status NOT IN ('solved', 'closed') AND t.assignee_id IS NULL) AS unassigned,
                count(*) FILTER (WHERE t.status = 'pending') AS pending,
                count(*) FILTER (WHERE t.status = 'on_hold') AS on_hold,
                count(*) FILTER (WHERE t.status = 'solved') AS solved
           FROM tickets t
          WHERE t.status <> 'closed' AND t.bot_id IS NULL AND t.spam_at IS NULL AND ${visible}
          GROUP BY t.team_id`,
        params,
      ),
      this.db.one<{ n: string }>(
        `SELECT count(*) AS n FROM tickets t
          WHERE t.status NOT IN ('solved', 'closed') AND t.spam_at IS NULL AND ${mentionsUser('$1')}
            AND ${visibleTo(viewer, mentionParams)}`,
        mentionParams,
      ),
    ]);
    const out: QueueCountsView = {
      mine: 0,
      unassigned: 0,
      all: 0,
      teams: {},
      pending: 0,
      onHold: 0,
      solved: 0,
      mentions: Number(mentioned?.n ?? 0),
    };
    for (const r of rows) {
      out.mine += Number(r.mine);
      out.unassigned += Number(r.unassigned);
      out.all += Number(r.total);
      out.pending += Number(r.pending);
      out.onHold += Number(r.on_hold);
      out.solved += Number(r.solved);
      if (r.team_id) out.teams[r.team_id] = Number(r.total);
    }
    // A team of mine with nothing open still shows 0, not "unknown".
    for (const teamId of viewer.teamIds) out.teams[teamId] ??= 0;
    return out;
  }
}
