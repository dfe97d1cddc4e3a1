import { Injectable } from '@nestjs/common';
import type { QueueCountsView } from '@switchboard/contracts';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';

/**
 * Tickets per sidebar queue, under the same visibility rule as the ticket list: active ones per
 * assignee and team, every visible one per status view, and the active ones whose notes mention me.
 *
 * The queue counts are exact and read no ticket: they sum the per-bucket changes a trigger keeps in
 * `ticket_queue_counts` (team × assignee × status of every ticket a queue can show), which
 * `compact()` folds into one row per bucket. Mentions are counted from the notes that mention the
 * viewer (an index of mentions), so their cost follows those notes, not the tickets.
 */
@Injectable()
export class QueueCounts {
  constructor(private readonly db: Db) {}

  async counts(viewer: AuthenticatedViewer): Promise<QueueCountsView> {
    const params: unknown[] = [];
    const visible = visibleTo(viewer, params, 'c');
    const mentionParams: unknown[] = [viewer.userId];
    const [buckets, mentioned] = await Promise.all([
      this.db.query<{ team_id: string | null; assignee_id: string | null; status: string; n: string }>(
        `SELECT c.team_id, c.assignee_id, c.status, sum(c.n) AS n
           FROM ticket_queue_counts c
          WHERE ${visible}
          GROUP BY c.team_id, c.assignee_id, c.status
         HAVING sum(c.n) <> 0`,
        params,
      ),
      this.db.tx(async (sql) => {
        // The planner cannot tell how few notes mention one person and starts parallel workers,
        // which take longer to start than the few index lookups the count needs.
        await sql.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
        const [row] = await sql.query<{ n: string }>(
          `SELECT count(DISTINCT t.id) AS n
             FROM messages mm JOIN tickets t ON t.id = mm.ticket_id
            WHERE mm.kind = 'note' AND mm.meta -> 'mentions' @> jsonb_build_array(jsonb_build_object('userId', $1::text))
              AND t.status NOT IN ('solved', 'closed') AND t.spam_at IS NULL AND ${visibleTo(viewer, mentionParams)}`,
          mentionParams,
        );
        return row;
      }),
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
    for (const b of buckets) {
      const n = Number(b.n);
      if (b.status === 'pending') out.pending += n;
      if (b.status === 'on_hold') out.onHold += n;
      if (b.status === 'solved') {
        out.solved += n;
        continue;
      }
      out.all += n;
      if (b.assignee_id === viewer.userId) out.mine += n;
      if (b.assignee_id === null) out.unassigned += n;
      if (b.team_id) out.teams[b.team_id] = (out.teams[b.team_id] ?? 0) + n;
    }
    // A team of mine with nothing open still shows 0, not "unknown".
    for (const teamId of viewer.teamIds) out.teams[teamId] ??= 0;
    return out;
  }

  /** Folds the counted changes into one row per bucket; returns how many rows it folded. */
  async compact(): Promise<number> {
    const row = await this.db.one<{ folded: number }>(`SELECT queue_counts_compact() AS folded`);
    return row?.folded ?? 0;
  }
}
