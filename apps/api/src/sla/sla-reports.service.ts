import { Injectable } from '@nestjs/common';
import type { ReportQuery, SlaSummaryCounts, SlaSummaryView } from '@switchboard/contracts';
import { Db } from '../common/db.js';
import { AgentsGateway } from '../realtime/agents.gateway.js';
import { businessDurationsByGroup } from '../reports/business-durations.js';

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
 * ticket's creation, and also in business hours (the ticket's SLA calendar); attainment uses
 * the clocks' stored achieved/breached instants.
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
    const rows = await this.db.query<Record<string, string | number>>(
      `SELECT ${g.key} AS key, min(${g.label}) AS label, count(*)::int AS tickets, ${metric('first_response')}, ${metric('next_response')}, ${metric('resolution')}
         FROM tickets t ${this.joins} LEFT JOIN ticket_sla_state s ON s.ticket_id = t.id WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
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
    const frt = `EXTRACT(EPOCH FROM (t.first_response_at - t.created_at))`;
    const res = `EXTRACT(EPOCH FROM (t.solved_at - t.created_at))`;
    const rows = await this.db.query<Record<string, string | number | null>>(
      `SELECT ${g.key} AS key, min(${g.label}) AS label,
              count(t.first_response_at)::int AS first_response_count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${frt}) AS first_response_median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${frt}) AS first_response_p90,
              count(t.solved_at)::int AS resolution_count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${res}) AS resolution_median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${res}) AS resolution_p90
         FROM tickets t ${this.joins} WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
    const businessParams: unknown[] = [];
    const businessWhere = this.filters(q, range, businessParams);
    const business = await businessDurationsByGroup(
      this.db,
      `tickets t ${this.joins}`,
      businessWhere,
      businessParams,
      this.groupKey(q, businessParams).key,
    );
    const bucketParams: unknown[] = [];
    const bucketWhere = this.filters(q, range, bucketParams);
    const b = bucketParams.push(DURATION_BUCKETS);
    const [dist] = await this.db.query<{ frt: number[] | null; res: number[] | null }>(
      `SELECT (SELECT array_agg(n ORDER BY i) FROM (SELECT i, count(x.bucket) AS n FROM generate_series(0, 5) i
                 LEFT JOIN (SELECT width_bucket(${frt}, $${b}::float8[]) AS bucket FROM tickets t WHERE ${bucketWhere} AND t.first_response_at IS NOT NULL) x ON x.bucket = i GROUP BY i) s) AS frt,
              (SELECT array_agg(n ORDER BY i) FROM (SELECT i, count(x.bucket) AS n FROM generate_series(0, 5) i
                 LEFT JOIN (SELECT width_bucket(${res}, $${b}::float8[]) AS bucket FROM tickets t WHERE ${bucketWhere} AND t.solved_at IS NOT NULL) x ON x.bucket = i GROUP BY i) s) AS res`,
      bucketParams,
    );
    const sec = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
    return {
      range,
      groupBy: q.groupBy,
      rows: rows.map((r) => {
        const b = business.get(String(r.key));
        return {
          key: r.key,
          label: r.label,
          firstResponse: {
            count: Number(r.first_response_count),
            medianSeconds: sec(r.first_response_median),
            p90Seconds: sec(r.first_response_p90),
            businessMedianSeconds: b?.firstResponse.medianSeconds ?? null,
            businessP90Seconds: b?.firstResponse.p90Seconds ?? null,
          },
          resolution: {
            count: Number(r.resolution_count),
            medianSeconds: sec(r.resolution_median),
            p90Seconds: sec(r.resolution_p90),
            businessMedianSeconds: b?.resolution.medianSeconds ?? null,
            businessP90Seconds: b?.resolution.p90Seconds ?? null,
          },
        };
      }),
      distribution: {
        buckets: DURATION_BUCKET_LABELS,
        firstResponse: (dist?.frt ?? []).map(Number),
        resolution: (dist?.res ?? []).map(Number),
      },
    };
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
    const [byTeam, byChannel, atRisk, agents, online] = await Promise.all([
      this.db.query<CountRow & { team_id: string | null; team_name: string | null }>(
        `SELECT t.team_id, min(tm.name) AS team_name, ${counts} FROM tickets t LEFT JOIN teams tm ON tm.id = t.team_id WHERE ${w} GROUP BY t.team_id ORDER BY 2 NULLS LAST`,
        params,
      ),
      this.db.query<CountRow & { channel: string }>(
        `SELECT t.channel, ${counts} FROM tickets t WHERE ${w} GROUP BY t.channel ORDER BY 1`,
        params,
      ),
      this.db.query<{
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
      this.db.query<{ id: string; name: string; role: string; open_load: number; replies_today: number }>(
        `SELECT u.id, u.name, u.role,
                (SELECT count(*) FROM tickets t WHERE t.assignee_id = u.id AND t.status NOT IN ('solved', 'closed'))::int AS open_load,
                (SELECT count(*) FROM messages m WHERE m.author_id = u.id AND m.direction = 'out' AND m.kind = 'message'
                    AND m.created_at >= date_trunc('day', now(), $1))::int AS replies_today
           FROM users u WHERE u.active
            ${q.teamId ? `AND EXISTS (SELECT 1 FROM team_memberships tmm WHERE tmm.user_id = u.id AND tmm.team_id = $2)` : ''}
          ORDER BY lower(u.name)`,
        q.teamId ? [q.timeZone, q.teamId] : [q.timeZone],
      ),
      this.gateway.connectedUserIds(),
    ]);
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

/** Flattens report rows into CSV (RFC 4180 quoting); nested objects become `parent.child` columns. */
export function toCsv(rows: Array<Record<string, unknown>>): string {
  const flat = rows.map((r) => flatten(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [columns.join(','), ...flat.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n'
  );
}

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v))
      Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}
