import { Injectable } from '@nestjs/common';
import {
  DEFAULT_REVIEW_AUTO_FLAGS,
  ReviewAutoFlags,
  type CoachingNoteView,
  type CompleteReviewBody,
  type LessonsQuery,
  type ReviewCategory,
  type ReviewFlagSource,
  type ReviewListQuery,
  type ReviewOutcome,
  type ReviewView,
  type TrainingExportQuery,
} from '@switchboard/contracts';
import { conflict, forbidden, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db, type Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { TicketQueries } from '../tickets/ticket-queries.js';
import { maskPersonalData } from './mask-personal-data.js';

interface ReviewRow {
  id: string;
  ticket_id: string;
  number: string;
  subject: string;
  status: 'open' | 'done';
  agent_id: string | null;
  agent_name: string | null;
  team_id: string | null;
  team_name: string | null;
  categories: ReviewCategory[];
  what_went_wrong: string | null;
  better_next_time: string | null;
  coaching_note: string | null;
  outcome: ReviewOutcome | null;
  reviewer_id: string | null;
  reviewed_at: Date | null;
  acknowledged_at: Date | null;
  created_at: Date;
  flags: Array<{
    id: string;
    source: ReviewFlagSource;
    reason: string;
    created_by: string | null;
    created_at: string;
  }>;
}

const REVIEW_SELECT = `
  SELECT r.*, t.number, t.subject, u.name AS agent_name, tm.name AS team_name,
         COALESCE((SELECT json_agg(json_build_object('id', f.id, 'source', f.source, 'reason', f.reason,
                     'created_by', f.created_by, 'created_at', f.created_at) ORDER BY f.created_at, f.id)
                     FROM review_flags f WHERE f.review_id = r.id), '[]') AS flags
    FROM reviews r JOIN tickets t ON t.id = r.ticket_id
    LEFT JOIN users u ON u.id = r.agent_id LEFT JOIN teams tm ON tm.id = r.team_id`;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toView(r: ReviewRow): ReviewView {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    ticketNumber: Number(r.number),
    ticketSubject: r.subject,
    status: r.status,
    agentId: r.agent_id,
    agentName: r.agent_name,
    teamId: r.team_id,
    teamName: r.team_name,
    flags: r.flags.map((f) => ({
      id: f.id,
      source: f.source,
      reason: f.reason,
      createdBy: f.created_by,
      createdAt: iso(f.created_at)!,
    })),
    categories: r.categories,
    whatWentWrong: r.what_went_wrong,
    betterNextTime: r.better_next_time,
    coachingNote: r.coaching_note,
    outcome: r.outcome,
    reviewerId: r.reviewer_id,
    reviewedAt: iso(r.reviewed_at),
    acknowledgedAt: iso(r.acknowledged_at),
    createdAt: iso(r.created_at)!,
  };
}

const isSupervisor = (v: AuthenticatedViewer) => v.role === 'supervisor' || v.role === 'admin';

/**
 * Learning from bad cases: flags (by people or automatic rules) gather on one open review per
 * ticket; a supervisor completes it with what went wrong, what we would do better, a coaching
 * note for the agent, and an outcome. The agent sees and acknowledges the note.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly db: Db,
    private readonly tickets: TicketQueries,
  ) {}

  /** Any agent who can see the ticket, or a supervisor, flags it with a reason. */
  async flag(viewer: AuthenticatedViewer, ticketId: string, reason: string): Promise<ReviewView> {
    if (!(await this.tickets.findVisible(viewer, ticketId))) throw notFound('ticket not found');
    const reviewId = await this.db.tx((sql) => addFlag(sql, ticketId, 'manual', reason, viewer.userId));
    // A manual flag always lands: on the open review, or on one opened for it.
    return (await this.load(reviewId!))!;
  }

  async list(viewer: AuthenticatedViewer, q: ReviewListQuery): Promise<{ items: ReviewView[] }> {
    if (!isSupervisor(viewer)) throw forbidden('only supervisors and admins see the review queue');
    const params: unknown[] = [q.status, q.limit];
    const team = q.teamId ? ` AND r.team_id = $${params.push(q.teamId)}` : '';
    const rows = await this.db.query<ReviewRow>(
      `${REVIEW_SELECT} WHERE r.status = $1${team}
        ORDER BY CASE WHEN r.status = 'open' THEN r.created_at END ASC, r.reviewed_at DESC NULLS LAST, r.id LIMIT $2`,
      params,
    );
    return { items: rows.map(toView) };
  }

  /** A supervisor sees any review; an agent only a completed one about themselves. */
  async get(viewer: AuthenticatedViewer, id: string): Promise<ReviewView> {
    const review = await this.load(id);
    if (!review) throw notFound('review not found');
    if (!isSupervisor(viewer) && !(review.agentId === viewer.userId && review.status === 'done'))
      throw notFound('review not found');
    return review;
  }

  async complete(viewer: AuthenticatedViewer, id: string, body: CompleteReviewBody): Promise<ReviewView> {
    if (!isSupervisor(viewer)) throw forbidden('only supervisors and admins complete reviews');
    if (!isUuid(id)) throw notFound('review not found');
    const rows = await this.db.query<{ id: string }>(
      `UPDATE reviews SET status = 'done', categories = $2, what_went_wrong = $3, better_next_time = $4,
              coaching_note = $5, outcome = $6, reviewer_id = $7, reviewed_at = now()
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [
        id,
        [...new Set(body.categories)],
        body.whatWentWrong,
        body.betterNextTime,
        body.coachingNote ?? null,
        body.outcome,
        viewer.userId,
      ],
    );
    if (rows.length === 0) {
      if (await this.load(id)) throw conflict('this review is already completed');
      throw notFound('review not found');
    }
    return (await this.load(id))!;
  }

  /** The coaching notes written for the viewer, unacknowledged first. */
  async coachingNotes(
    viewer: AuthenticatedViewer,
  ): Promise<{ items: CoachingNoteView[]; unacknowledged: number }> {
    const rows = await this.db.query<{
      id: string;
      ticket_id: string;
      number: string;
      subject: string;
      coaching_note: string;
      categories: ReviewCategory[];
      reviewer_name: string | null;
      reviewed_at: Date;
      acknowledged_at: Date | null;
    }>(
      `SELECT r.id, r.ticket_id, t.number, t.subject, r.coaching_note, r.categories, rv.name AS reviewer_name,
              r.reviewed_at, r.acknowledged_at
         FROM reviews r JOIN tickets t ON t.id = r.ticket_id LEFT JOIN users rv ON rv.id = r.reviewer_id
        WHERE r.agent_id = $1 AND r.status = 'done' AND r.coaching_note IS NOT NULL
        ORDER BY (r.acknowledged_at IS NULL) DESC, r.reviewed_at DESC LIMIT 200`,
      [viewer.userId],
    );
    const items = rows.map((r) => ({
      reviewId: r.id,
      ticketId: r.ticket_id,
      ticketNumber: Number(r.number),
      ticketSubject: r.subject,
      coachingNote: r.coaching_note,
      categories: r.categories,
      reviewerName: r.reviewer_name,
      reviewedAt: iso(r.reviewed_at)!,
      acknowledgedAt: iso(r.acknowledged_at),
    }));
    return { items, unacknowledged: items.filter((i) => !i.acknowledgedAt).length };
  }

  /** Only the agent the note is for acknowledges it; a second acknowledgement keeps the first time. */
  async acknowledge(viewer: AuthenticatedViewer, id: string): Promise<CoachingNoteView> {
    if (!isUuid(id)) throw notFound('coaching note not found');
    const [row] = await this.db.query<{ id: string }>(
      `UPDATE reviews SET acknowledged_at = COALESCE(acknowledged_at, now())
        WHERE id = $1 AND agent_id = $2 AND status = 'done' AND coaching_note IS NOT NULL RETURNING id`,
      [id, viewer.userId],
    );
    if (!row) throw notFound('coaching note not found');
    const notes = await this.coachingNotes(viewer);
    return notes.items.find((n) => n.reviewId === id)!;
  }

  /** Categories of completed reviews per period and team, with the tickets behind each count. */
  async lessons(q: LessonsQuery) {
    const params: unknown[] = [q.from, q.to, q.timeZone, q.bucket];
    const team = q.teamId ? ` AND r.team_id = $${params.push(q.teamId)}` : '';
    const rows = await this.db.query<{
      period: string;
      team_id: string | null;
      team_name: string | null;
      category: string;
      count: number;
      tickets: Array<{ id: string; number: number }>;
    }>(
      `SELECT to_char(date_trunc($4, r.reviewed_at AT TIME ZONE $3), 'YYYY-MM-DD') AS period,
              r.team_id, min(tm.name) AS team_name, c.category, count(*)::int AS count,
              json_agg(json_build_object('id', t.id, 'number', t.number) ORDER BY t.number) AS tickets
         FROM reviews r CROSS JOIN LATERAL unnest(r.categories) AS c(category)
         JOIN tickets t ON t.id = r.ticket_id LEFT JOIN teams tm ON tm.id = r.team_id
        WHERE r.status = 'done' AND r.reviewed_at >= $1 AND r.reviewed_at < $2${team}
        GROUP BY 1, 2, 4 ORDER BY 1, 3 NULLS LAST, 4`,
      params,
    );
    return {
      range: { from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString() },
      bucket: q.bucket,
      rows: rows.map((r) => ({
        period: r.period,
        teamId: r.team_id,
        teamName: r.team_name,
        category: r.category,
        count: Number(r.count),
        tickets: r.tickets.map((t) => ({ id: t.id, number: Number(t.number), url: `/tickets/${t.id}` })),
      })),
    };
  }

  /**
   * Completed reviews with their conversation, for team training: the customer's names,
   * addresses, phone numbers and other handles are masked in every text; agents keep their names.
   */
  async trainingExport(viewer: AuthenticatedViewer, q: TrainingExportQuery) {
    if (!isSupervisor(viewer)) throw forbidden('only supervisors and admins export training cases');
    const params: unknown[] = [q.from, q.to];
    const team = q.teamId ? ` AND r.team_id = $${params.push(q.teamId)}` : '';
    const reviews = await this.db.query<ReviewRow & { contact_id: string | null; channel: string }>(
      `${REVIEW_SELECT.replace('SELECT r.*,', 'SELECT r.*, t.contact_id, t.channel,')}
        WHERE r.status = 'done' AND r.reviewed_at >= $1 AND r.reviewed_at < $2${team} ORDER BY r.reviewed_at LIMIT 1000`,
      params,
    );
    const ids = reviews.map((r) => r.ticket_id);
    const [messages, identities] = await Promise.all([
      this.db.query<{
        ticket_id: string;
        direction: string;
        kind: string;
        text: string | null;
        created_at: Date;
      }>(
        `SELECT ticket_id, direction, kind, text, created_at FROM messages
          WHERE ticket_id = ANY($1) AND kind IN ('message', 'note', 'hold_note', 'transfer_note') ORDER BY created_at, id`,
        [ids],
      ),
      this.db.query<{ ticket_id: string; name: string | null; address: string | null }>(
        `SELECT t.id AS ticket_id, c.name, ci.address FROM tickets t JOIN contacts c ON c.id = t.contact_id
           LEFT JOIN contact_identities ci ON ci.contact_id = c.id WHERE t.id = ANY($1)`,
        [ids],
      ),
    ]);
    const known = new Map<string, string[]>();
    for (const i of identities) {
      const list = known.get(i.ticket_id) ?? [];
      if (i.name) list.push(i.name, ...i.name.split(/\s+/).filter((p) => p.length >= 3));
      if (i.address) list.push(i.address);
      known.set(i.ticket_id, list);
    }
    return {
      items: reviews.map((r) => {
        const mask = (s: string | null) =>
          s === null ? null : maskPersonalData(s, known.get(r.ticket_id) ?? []);
        return {
          reviewId: r.id,
          ticketNumber: Number(r.number),
          channel: r.channel,
          subject: mask(r.subject),
          categories: r.categories,
          whatWentWrong: mask(r.what_went_wrong),
          betterNextTime: mask(r.better_next_time),
          outcome: r.outcome,
          conversation: messages
            .filter((m) => m.ticket_id === r.ticket_id)
            .map((m) => ({
              from: m.direction === 'in' ? 'customer' : m.kind === 'message' ? 'agent' : 'internal',
              kind: m.kind,
              text: mask(m.text),
              at: iso(m.created_at),
            })),
        };
      }),
    };
  }

  async settings(): Promise<ReviewAutoFlags> {
    return readAutoFlags(this.db);
  }

  async saveSettings(viewer: AuthenticatedViewer, flags: ReviewAutoFlags): Promise<ReviewAutoFlags> {
    await this.db.query(
      `INSERT INTO review_settings (id, auto_flags, updated_by) VALUES (true, $1, $2)
       ON CONFLICT (id) DO UPDATE SET auto_flags = EXCLUDED.auto_flags, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [flags, viewer.userId],
    );
    return flags;
  }

  private async load(id: string): Promise<ReviewView | null> {
    if (!isUuid(id)) return null;
    const row = await this.db.one<ReviewRow>(`${REVIEW_SELECT} WHERE r.id = $1`, [id]);
    return row ? toView(row) : null;
  }
}

export async function readAutoFlags(sql: Sql): Promise<ReviewAutoFlags> {
  const [row] = await sql.query<{ auto_flags: unknown }>(`SELECT auto_flags FROM review_settings WHERE id`);
  const parsed = row ? ReviewAutoFlags.safeParse(row.auto_flags) : null;
  return parsed?.success ? parsed.data : DEFAULT_REVIEW_AUTO_FLAGS;
}

/**
 * Adds a flag to the ticket's open review, opening one if there is none (about the agent who holds
 * the ticket now, or `agentId` when the flag names one, such as the agent a survey answer is
 * attributed to). An automatic rule flags a ticket once: a replay adds nothing and returns null.
 */
export async function addFlag(
  sql: Sql,
  ticketId: string,
  source: ReviewFlagSource,
  reason: string,
  createdBy: string | null,
  agentId?: string | null,
): Promise<string | null> {
  if (source !== 'manual') {
    const [seen] = await sql.query(`SELECT 1 FROM review_flags WHERE ticket_id = $1 AND source = $2`, [
      ticketId,
      source,
    ]);
    if (seen) return null;
  }
  await sql.query(
    `INSERT INTO reviews (ticket_id, agent_id, team_id)
     SELECT t.id, COALESCE($2::uuid, t.assignee_id), t.team_id FROM tickets t WHERE t.id = $1
     ON CONFLICT (ticket_id) WHERE status = 'open' DO NOTHING`,
    [ticketId, agentId ?? null],
  );
  const [review] = await sql.query<{ id: string }>(
    `SELECT id FROM reviews WHERE ticket_id = $1 AND status = 'open'`,
    [ticketId],
  );
  const inserted = await sql.query<{ id: string }>(
    `INSERT INTO review_flags (review_id, ticket_id, source, reason, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [review.id, ticketId, source, reason, createdBy],
  );
  return inserted.length ? review.id : null;
}
