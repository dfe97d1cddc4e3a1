import { Injectable } from '@nestjs/common';
import type {
  SatisfactionFigures,
  SatisfactionQuery,
  SatisfactionReport,
  SurveyResponsesQuery,
} from '@switchboard/contracts';
import { Db, type Sql } from '../common/db.js';
import { reportTransaction } from './report-transaction.js';

interface FigureRow {
  key: string;
  label: string;
  csat_answered: number;
  csat_satisfied: number;
  nps_answered: number;
  promoters: number;
  detractors: number;
  ces_answered: number;
  ces_sum: number | null;
}

interface Figures {
  answers: FigureRow[];
  rates: RateRow[];
}

interface RateRow {
  key: string;
  label: string;
  solved: number;
  rated: number;
}

/** How each grouping reads a survey answer (and the solved tickets the response rate divides by). */
function grouping(groupBy: SatisfactionQuery['groupBy'], tz: string) {
  switch (groupBy) {
    case 'team':
      return {
        answer: { key: `COALESCE(t.team_id::text, 'none')`, label: `COALESCE(tm.name, '(no team)')` },
        solved: { key: `COALESCE(t.team_id::text, 'none')`, label: `COALESCE(tm.name, '(no team)')` },
      };
    case 'agent':
      // An answer counts for the agent it was attributed to when given; older rows fall back to the assignee.
      return {
        answer: {
          key: `COALESCE(COALESCE(sr.agent_id, t.assignee_id)::text, 'none')`,
          label: `COALESCE(u.name, '(unassigned)')`,
        },
        solved: { key: `COALESCE(t.assignee_id::text, 'none')`, label: `COALESCE(u.name, '(unassigned)')` },
      };
    case 'channel':
      return {
        answer: { key: 'sr.channel', label: 'sr.channel' },
        solved: { key: 't.channel', label: 't.channel' },
      };
    default:
      return {
        answer: {
          key: `to_char(COALESCE(sr.answered_at, sr.created_at) AT TIME ZONE ${tz}, 'YYYY-MM-DD')`,
          label: `to_char(COALESCE(sr.answered_at, sr.created_at) AT TIME ZONE ${tz}, 'YYYY-MM-DD')`,
        },
        solved: {
          key: `to_char(t.solved_at AT TIME ZONE ${tz}, 'YYYY-MM-DD')`,
          label: `to_char(t.solved_at AT TIME ZONE ${tz}, 'YYYY-MM-DD')`,
        },
      };
  }
}

/** How each grouping reads the daily rollup: the same keys and labels as from the rows. */
const ROLLUP_GROUPING = {
  team: { key: `COALESCE(r.team_id::text, 'none')`, label: `COALESCE(tm.name, '(no team)')` },
  agent: { key: `COALESCE(r.agent_id::text, 'none')`, label: `COALESCE(u.name, '(unassigned)')` },
  channel: { key: 'r.channel', label: 'r.channel' },
};

const DAY_MS = 86_400_000;

function groupRows<T extends { key: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.key);
    if (list) list.push(r);
    else out.set(r.key, [r]);
  }
  return out;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Satisfaction over a range of answer times. Definitions (the same in every group and the total):
 * - CSAT satisfied share: answers of 4 or 5 over CSAT answers;
 * - response rate: tickets solved in the range that have a CSAT answer, over tickets solved in the range;
 * - NPS: (promoters 9–10 − detractors 0–6) over NPS answers, × 100;
 * - CES: the mean of the 1–7 answers.
 */
@Injectable()
export class SatisfactionReports {
  constructor(private readonly db: Db) {}

  async report(q: SatisfactionQuery): Promise<SatisfactionReport> {
    const from = new Date(q.from).getTime();
    const to = new Date(q.to).getTime();
    // Whole UTC days inside the range come from the daily rollup; the part days at either end
    // (and groupings by local day, which UTC days cannot form) from the rows themselves.
    const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
    const endDay = Math.floor(to / DAY_MS) * DAY_MS;
    const useRollup = q.groupBy !== 'day' && firstDay < endDay;
    const { answers, rates } = await reportTransaction(this.db, async (sql) => {
      if (!useRollup) return this.rawFigures(sql, q, q.from, q.to);
      const parts = [await this.rolledUpFigures(sql, q, firstDay, endDay)];
      if (from < firstDay)
        parts.push(await this.rawFigures(sql, q, q.from, new Date(firstDay).toISOString()));
      if (endDay < to) parts.push(await this.rawFigures(sql, q, new Date(endDay).toISOString(), q.to));
      return { answers: parts.flatMap((p) => p.answers), rates: parts.flatMap((p) => p.rates) };
    });
    const keys = new Map<string, string>();
    for (const r of [...answers, ...rates]) if (!keys.has(r.key)) keys.set(r.key, r.label);
    const byKey = groupRows(answers);
    const rateByKey = groupRows(rates);
    const groups = [...keys]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, label]) => ({
        key,
        label,
        ...toFigures(byKey.get(key) ?? [], rateByKey.get(key) ?? []),
      }));
    return {
      range: { from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString() },
      groupBy: q.groupBy,
      ...toFigures(answers, rates),
      groups,
    };
  }

  /** The figures counted from the answers and solved tickets themselves, over [from, to). */
  private async rawFigures(sql: Sql, q: SatisfactionQuery, from: string, to: string): Promise<Figures> {
    const params: unknown[] = [from, to, q.timeZone];
    const team = q.teamId ? ` AND t.team_id = $${params.push(q.teamId)}` : '';
    const g = grouping(q.groupBy, '$3');
    const figures = `count(*) FILTER (WHERE sr.kind = 'csat')::int AS csat_answered,
        count(*) FILTER (WHERE sr.kind = 'csat' AND sr.score >= 4)::int AS csat_satisfied,
        count(*) FILTER (WHERE sr.kind = 'nps')::int AS nps_answered,
        count(*) FILTER (WHERE sr.kind = 'nps' AND sr.score >= 9)::int AS promoters,
        count(*) FILTER (WHERE sr.kind = 'nps' AND sr.score <= 6)::int AS detractors,
        count(*) FILTER (WHERE sr.kind = 'ces')::int AS ces_answered,
        sum(sr.score) FILTER (WHERE sr.kind = 'ces')::int AS ces_sum`;
    const answers = await sql.query<FigureRow>(
      `SELECT ${g.answer.key} AS key, min(${g.answer.label}) AS label, ${figures}
         FROM survey_responses sr JOIN tickets t ON t.id = sr.ticket_id
         LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN users u ON u.id = COALESCE(sr.agent_id, t.assignee_id)
        WHERE COALESCE(sr.answered_at, sr.created_at) >= $1 AND COALESCE(sr.answered_at, sr.created_at) < $2
          AND $3::text IS NOT NULL${team}
        GROUP BY 1 ORDER BY 1`,
      params,
    );
    const rates = await sql.query<RateRow>(
      `SELECT ${g.solved.key} AS key, min(${g.solved.label}) AS label, count(*)::int AS solved,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM survey_responses sr WHERE sr.ticket_id = t.id AND sr.kind = 'csat'))::int AS rated
         FROM tickets t LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN users u ON u.id = t.assignee_id
        WHERE t.solved_at >= $1 AND t.solved_at < $2 AND $3::text IS NOT NULL${team}
        GROUP BY 1 ORDER BY 1`,
      params,
    );
    return { answers, rates };
  }

  /** The same figures summed from the daily rollup over whole UTC days [firstDay, endDay). */
  private async rolledUpFigures(
    sql: Sql,
    q: SatisfactionQuery,
    firstDay: number,
    endDay: number,
  ): Promise<Figures> {
    const params: unknown[] = [
      new Date(firstDay).toISOString().slice(0, 10),
      new Date(endDay).toISOString().slice(0, 10),
    ];
    const team = q.teamId ? ` AND r.team_id = $${params.push(q.teamId)}` : '';
    const g = ROLLUP_GROUPING[q.groupBy as Exclude<SatisfactionQuery['groupBy'], 'day'>];
    const rows = await sql.query<FigureRow & RateRow>(
      `SELECT ${g.key} AS key, min(${g.label}) AS label,
              sum(r.csat_answered)::int AS csat_answered, sum(r.csat_satisfied)::int AS csat_satisfied,
              sum(r.nps_answered)::int AS nps_answered, sum(r.promoters)::int AS promoters,
              sum(r.detractors)::int AS detractors, sum(r.ces_answered)::int AS ces_answered,
              sum(r.ces_sum)::int AS ces_sum, sum(r.solved)::int AS solved, sum(r.rated)::int AS rated
         FROM report_satisfaction_daily r LEFT JOIN teams tm ON tm.id = r.team_id LEFT JOIN users u ON u.id = r.agent_id
        WHERE r.day >= $1::date AND r.day < $2::date${team}
        GROUP BY 1
        -- A group the rows would not show (every count moved away by a reassignment) stays hidden.
        HAVING sum(r.csat_answered + r.nps_answered + r.ces_answered) > 0 OR sum(r.solved) > 0`,
      params,
    );
    return {
      answers: rows.filter((r) => r.csat_answered + r.nps_answered + r.ces_answered > 0),
      rates: rows.filter((r) => r.solved > 0),
    };
  }

  /** Every answer in the range with its comment, ticket and agent, newest first. */
  async responses(q: SurveyResponsesQuery) {
    const params: unknown[] = [q.from, q.to, q.limit];
    const team = q.teamId ? ` AND t.team_id = $${params.push(q.teamId)}` : '';
    const rows = await this.db.query<{
      id: string;
      ticket_id: string;
      number: string;
      kind: string;
      score: number;
      comment: string | null;
      channel: string;
      answered_at: Date;
      agent_id: string | null;
      agent_name: string | null;
      team_name: string | null;
    }>(
      `SELECT sr.id, sr.ticket_id, t.number, sr.kind, sr.score, sr.comment, sr.channel,
              COALESCE(sr.answered_at, sr.created_at) AS answered_at, COALESCE(sr.agent_id, t.assignee_id) AS agent_id,
              u.name AS agent_name, tm.name AS team_name
         FROM survey_responses sr JOIN tickets t ON t.id = sr.ticket_id
         LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN users u ON u.id = COALESCE(sr.agent_id, t.assignee_id)
        WHERE COALESCE(sr.answered_at, sr.created_at) >= $1 AND COALESCE(sr.answered_at, sr.created_at) < $2${team}
        ORDER BY COALESCE(sr.answered_at, sr.created_at) DESC, sr.id LIMIT $3`,
      params,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        ticketId: r.ticket_id,
        ticketNumber: Number(r.number),
        kind: r.kind,
        score: Number(r.score),
        comment: r.comment,
        channel: r.channel,
        answeredAt: new Date(r.answered_at).toISOString(),
        agentId: r.agent_id,
        agentName: r.agent_name,
        teamName: r.team_name,
      })),
    };
  }
}

function toFigures(
  answers: Array<FigureRow | undefined>,
  rates: Array<RateRow | undefined>,
): SatisfactionFigures {
  const sum = <T>(rows: Array<T | undefined>, f: (r: T) => number | null) =>
    rows.reduce((acc, r) => acc + (r ? Number(f(r) ?? 0) : 0), 0);
  const csatAnswered = sum(answers, (r) => r.csat_answered);
  const satisfied = sum(answers, (r) => r.csat_satisfied);
  const solved = sum(rates, (r) => r.solved);
  const rated = sum(rates, (r) => r.rated);
  const npsAnswered = sum(answers, (r) => r.nps_answered);
  const promoters = sum(answers, (r) => r.promoters);
  const detractors = sum(answers, (r) => r.detractors);
  const cesAnswered = sum(answers, (r) => r.ces_answered);
  const cesSum = sum(answers, (r) => r.ces_sum);
  return {
    csat: {
      answered: csatAnswered,
      satisfied,
      satisfiedShare: csatAnswered ? round(satisfied / csatAnswered, 4) : null,
      responseRate: solved ? round(rated / solved, 4) : null,
    },
    nps: {
      answered: npsAnswered,
      promoters,
      detractors,
      score: npsAnswered ? round(((promoters - detractors) / npsAnswered) * 100, 1) : null,
    },
    ces: { answered: cesAnswered, average: cesAnswered ? round(cesSum / cesAnswered, 2) : null },
  };
}
