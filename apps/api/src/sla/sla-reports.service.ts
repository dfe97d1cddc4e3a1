import { Injectable } from '@nestjs/common';
import type { ReportQuery, SlaSummaryCounts, SlaSummaryView } from '@switchboard/contracts';
import { Db } from '../common/db.js';
import { AgentsGateway } from '../realtime/agents.gateway.js';
import { storedDurationsByGroup } from '../reports/stored-durations.js';
import { reportTransaction } from '../reports/report-transaction.js';

/** Bucket upper bounds (seconds) of the response-time distributions the dashboard charts. */
export const DURATION_BUCKETS = [300, 900, 3600, 4 * 3600, 24 * 3600];
export const DURATION_BUCKET_LABELS = ['< 5 min', '5–15 min', '15–60 min', '1–4 h', '4–24 h', '≥ 24 h'];

const PERIOD_DAYS: Record<ReportQuery['period'], number> = { today: 0, '7d': 7, '30d': 30, '90d': 90 };

export interface ReportRange {
  from: string;
  to: string;
}

/**
 * Supervisor reports. Every query takes a time range (created_at of tickets) and optional team,
 * channel and agent filters, all as bind parameters. Durations are wall-clock seconds from the
 * ticket's creation, and also in business hours (the ticket's SLA calendar), as each ticket
 * stored them when answered and solved; attainment uses the clocks' stored achieved/breached
 * instants.
 */
@Injectable()
export class SlaReports {
  constructor(
    private readonly db: Db,
    private readonly gateway: AgentsGateway,
  ) {}

  async range(q: ReportQuery): Promise<ReportRange> {
    const [row] = await this.db.query<{ from: Date; to: Date }>(
      `SELECT COALESCE($1::timestamptz, CASE WHEN $3 = 0 THEN date_trunc('day', now(), $4) ELSE now() - make_interval(days => $3) END) AS "from",
              COALESCE($2::timestamptz, now()) AS "to"`,
      [q.from ?? null, q.to ?? null, PERIOD_DAYS[q.period], q.timeZone],
    );
    return { from: new Date(row.from).toISOString(), to: new Date(row.to).toISOString() };
  }

  private filters(q: ReportQuery, range: ReportRange, params: unknown[]): string {
    params.push(range.from, range.to);
    const where = [`t.created_at >= $${params.length - 1}`, `t.created_at < $${params.length}`];
    if (q.teamId) where.push(`t.team_id = $${params.push(q.teamId)}`);
    if (q.channel) where.push(`t.channel = $${params.push(q.channel)}`);
    if (q.agentId) where.push(`t.assignee_id = $${params.push(q.agentId)}`);
    return where.join(' AND ');
  }

  private groupKey(q: ReportQuery, params: unknown[]): { key: string; label: string } {
    switch (q.groupBy) {
      case 'team':
        return { key: `COALESCE(t.team_id::text, 'none')`, label: `COALESCE(tm.name, '(no team)')` };
      case 'channel':
        return { key: 't.channel', label: 't.channel' };
      case 'agent':
        return { key: `COALESCE(t.assignee_id::text, 'none')`, label: `COALESCE(u.name, '(unassigned)')` };
      case 'week': {
        const p = params.push(q.timeZone);
        return {
          key: `to_char(date_trunc('week', t.created_at AT TIME ZONE $${p}), 'IYYY-"W"IW')`,
          label: `to_char(date_trunc('week', t.created_at AT TIME ZONE $${p}), 'IYYY-"W"IW')`,
        };
      }
      default: {
        const p = params.push(q.timeZone);
        return {
          key: `to_char(t.created_at AT TIME ZONE $${p}, 'YYYY-MM-DD')`,
          label: `to_char(t.created_at AT TIME ZONE $${p}, 'YYYY-MM-DD')`,
        };
      }
    }
  }

  private readonly joins = `LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN users u ON u.id = t.assignee_id`;

  /** Share of clocks that met their target, per metric and group. */
  async attainment(q: ReportQuery) {
    const range = await this.range(q);
    const params: unknown[] = [];
    const where = this.filters(q, range, params);
    const g = this.groupKey(q, params);
    const metric = (m: string) => `
      count(*) FILTER (WHERE t.${m}_achieved_at IS NOT NULL OR s.${m}_breached_at IS NOT NULL)::int AS ${m}_total,
      count(*) FILTER (WHERE t.${m}_achieved_at IS NOT NULL AND s.${m}_breached_at IS NULL)::int AS ${m}_met`;
    const rows = await reportTransaction(this.db, (sql) =>
      sql.query<Record<string, string | number>>(
        `SELECT ${g.key} AS key, min(${g.label}) AS label, count(*)::int AS tickets, ${metric('first_response')}, ${metric('next_response')}, ${metric('resolution')}
         FROM tickets t ${this.joins} LEFT JOIN ticket_sla_state s ON s.ticket_id = t.id WHERE ${where} GROUP BY 1 ORDER BY 1`,
        params,
      ),
    );
    const share = (met: number, total: number) =>
      total === 0 ? null : Math.round((met / total) * 1000) / 1000;
    return {
      range,
      groupBy: q.groupBy,
      rows: rows.map((r) => {
        const out: Record<string, unknown> = { key: r.key, label: r.label, tickets: Number(r.tickets) };
        for (const m of ['first_response', 'next_response', 'resolution']) {
          const met = Number(r[`${m}_met`]);
          const total = Number(r[`${m}_total`]);
          out[camel(m)] = { met, total, attainment: share(met, total) };
        }
        return out;
      }),
    };
  }

  /** First response and resolution times: median and p90 per group, plus overall distributions. */
  async responseTimes(q: ReportQuery) {
    const range = await this.range(q);
    const params: unknown[] = [];
    const where = this.filters(q, range, params);
    const g = this.groupKey(q, params);
    const { groups, distribution } = await reportTransaction(this.db, (sql) =>
      storedDurationsByGroup(sql, where, params, g.key, DURATION_BUCKETS),
    );
    const labels = await this.labels(q, [...groups.keys()]);
    return {
      range,
      groupBy: q.groupBy,
      rows: [...groups]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, d]) => ({
          key,
          label: labels.get(key) ?? key,
          firstResponse: {
            count: d.firstResponse.wall.count,
            medianSeconds: d.firstResponse.wall.medianSeconds,
            p90Seconds: d.firstResponse.wall.p90Seconds,
            businessMedianSeconds: d.firstResponse.business.medianSeconds,
            businessP90Seconds: d.firstResponse.business.p90Seconds,
          },
          resolution: {
            count: d.resolution.wall.count,
            medianSeconds: d.resolution.wall.medianSeconds,
            p90Seconds: d.resolution.wall.p90Seconds,
            businessMedianSeconds: d.resolution.business.medianSeconds,
            businessP90Seconds: d.resolution.business.p90Seconds,
          },
        })),
      distribution: {
        buckets: DURATION_BUCKET_LABELS,
        firstResponse: distribution.firstResponse,
        resolution: distribution.resolution,
      },
    };
  }

  /** Display names of group keys: team and agent names; other groupings are their own label. */
  private async labels(q: ReportQuery, keys: string[]): Promise<Map<string, string>> {
    const out = new Map(keys.map((k) => [k, k]));
    if (q.groupBy === 'team') {
      out.set('none', '(no team)');
      for (const r of await this.db.query<{ id: string; name: string }>(
        `SELECT id::text, name FROM teams WHERE id::text = ANY($1)`,
        [keys],
      ))
        out.set(r.id, r.name);
    } else if (q.groupBy === 'agent') {
      out.set('none', '(unassigned)');
      for (const r of await this.db.query<{ id: string; name: string }>(
        `SELECT id::text, name FROM users WHERE id::text = ANY($1)`,
        [keys],
      ))
        out.set(r.id, r.name);
    }
    return out;
  }

  /** New tickets per hour and channel. */
  async volume(q: ReportQuery) {
    const range = await this.range(q);
    const params: unknown[] = [];
    const where = this.filters(q, range, params);
    const rows = await this.db.query<{ hour: Date; channel: string; count: number }>(
      `SELECT date_trunc('hour', t.created_at) AS hour, t.channel, count(*)::int AS count FROM tickets t WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    return {
      range,
      rows: rows.map((r) => ({
        hour: new Date(r.hour).toISOString(),
        channel: r.channel,
        count: Number(r.count),
      })),
    };
  }

  /** Open tickets by SLA state (computed against now from the stored due times), per team and channel. */
  async summary(q: Pick<ReportQuery, 'teamId' | 'channel' | 'timeZone'>): Promise<SlaSummaryView> {
    const params: unknown[] = [];
    // Spam is in no queue, so in no queue size either.
    const where = [`t.status NOT IN ('solved', 'closed')`, 't.spam_at IS NULL'];
    if (q.teamId) where.push(`t.team_id = $${params.push(q.teamId)}`);
    if (q.channel) where.push(`t.channel = $${params.push(q.channel)}`);
    const counts = `count(*)::int AS open, count(*) FILTER (WHERE t.assignee_id IS NULL)::int AS unassigned,
      count(*) FILTER (WHERE t.sla_due_at > now() AND (t.sla_at_risk_at IS NULL OR t.sla_at_risk_at > now()))::int AS on_track,
      count(*) FILTER (WHERE t.sla_due_at > now() AND t.sla_at_risk_at <= now())::int AS at_risk,
      count(*) FILTER (WHERE t.sla_due_at <= now())::int AS breached`;
    const w = where.join(' AND ');
    // One scan of the open tickets' covering index gives both breakdowns (grouping sets); the
    // per-agent counts are short range scans of the open-by-assignee and replies-by-author indexes.
    const online = await this.gateway.connectedUserIds();
    const [groupCounts, atRisk, agents] = await reportTransaction(this.db, async (sql) => [
      await sql.query<CountRow & { by_team: boolean; team_id: string | null; channel: string | null }>(
        `SELECT GROUPING(t.channel) = 1 AS by_team, t.team_id, t.channel, ${counts}
           FROM tickets t WHERE ${w} GROUP BY GROUPING SETS ((t.team_id), (t.channel))`,
        params,
      ),
      await sql.query<{
        id: string;
        number: string;
        subject: string;
        team_id: string | null;
        channel: string;
        assignee_id: string | null;
        priority: string;
        sla_due_at: Date;
        sla_at_risk_at: Date | null;
      }>(
        `SELECT t.id, t.number, t.subject, t.team_id, t.channel, t.assignee_id, t.priority, t.sla_due_at, t.sla_at_risk_at
           FROM tickets t WHERE ${w} AND t.sla_due_at IS NOT NULL AND COALESCE(t.sla_at_risk_at, t.sla_due_at) <= now()
          ORDER BY t.sla_due_at LIMIT 50`,
        params,
      ),
      await sql.query<{ id: string; name: string; role: string; open_load: number; replies_today: number }>(
        `SELECT u.id, u.name, u.role,
                (SELECT count(*) FROM tickets t WHERE t.assignee_id = u.id AND t.status NOT IN ('solved', 'closed'))::int AS open_load,
                (SELECT count(*) FROM messages m WHERE m.author_id = u.id AND m.direction = 'out' AND m.kind = 'message'
                    AND m.created_at >= date_trunc('day', now(), $1))::int AS replies_today
           FROM users u WHERE u.active
            ${q.teamId ? `AND EXISTS (SELECT 1 FROM team_memberships tmm WHERE tmm.user_id = u.id AND tmm.team_id = $2)` : ''}
          ORDER BY lower(u.name)`,
        q.teamId ? [q.timeZone, q.teamId] : [q.timeZone],
      ),
    ]);
    const teamNames = new Map(
      (await this.db.query<{ id: string; name: string }>(`SELECT id, name FROM teams`)).map((r) => [
        r.id,
        r.name,
      ]),
    );
    const byTeam = groupCounts
      .filter((r) => r.by_team)
      .map((r) => ({ ...r, team_name: r.team_id ? (teamNames.get(r.team_id) ?? null) : null }))
      // By name, the team-less row last (as ORDER BY name NULLS LAST).
      .sort((a, b) =>
        a.team_name === b.team_name
          ? 0
          : a.team_name === null
            ? 1
            : b.team_name === null
              ? -1
              : a.team_name < b.team_name
                ? -1
                : 1,
      );
    const byChannel = groupCounts
      .filter((r) => !r.by_team)
      .map((r) => ({ ...r, channel: String(r.channel) }))
      .sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));

    const totals = byTeam.reduce<SlaSummaryCounts>(
      (acc, r) => ({
        open: acc.open + r.open,
        unassigned: acc.unassigned + r.unassigned,
        onTrack: acc.onTrack + r.on_track,
        atRisk: acc.atRisk + r.at_risk,
        breached: acc.breached + r.breached,
      }),
      { open: 0, unassigned: 0, onTrack: 0, atRisk: 0, breached: 0 },
    );
    const now = Date.now();
    return {
      generatedAt: new Date(now).toISOString(),
      totals,
      byTeam: byTeam.map((r) => ({ teamId: r.team_id, teamName: r.team_name, ...toCounts(r) })),
      byChannel: byChannel.map((r) => ({ channel: r.channel, ...toCounts(r) })),
      atRisk: atRisk.map((r) => ({
        ticketId: r.id,
        number: Number(r.number),
        subject: r.subject,
        teamId: r.team_id,
        channel: r.channel,
        assigneeId: r.assignee_id,
        priority: r.priority,
        dueAt: new Date(r.sla_due_at).toISOString(),
        atRiskAt: r.sla_at_risk_at ? new Date(r.sla_at_risk_at).toISOString() : null,
        breached: new Date(r.sla_due_at).getTime() <= now,
      })),
      agents: agents.map((a) => ({
        userId: a.id,
        name: a.name,
        role: a.role,
        online: online.has(a.id),
        openLoad: Number(a.open_load),
        repliesToday: Number(a.replies_today),
      })),
    };
  }
}

interface CountRow {
  open: number;
  unassigned: number;
  on_track: number;
  at_risk: number;
  breached: number;
}

function toCounts(r: CountRow): SlaSummaryCounts {
  return {
    open: Number(r.open),
    unassigned: Number(r.unassigned),
    onTrack: Number(r.on_track),
    atRisk: Number(r.at_risk),
    breached: Number(r.breached),
  };
}

function camel(s: string): string {
  return s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}
