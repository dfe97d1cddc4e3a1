import type { SurveyKind } from '@switchboard/contracts';
import type { TicketTx } from '../tickets/ticket-writer.js';

export interface SurveyAnswer {
  ticketId: string;
  kind: SurveyKind;
  score: number;
  comment: string | null;
  channel: string;
  requestId?: string | null;
}

/**
 * The agent an answer is attributed to: whoever solved the ticket last, as the answer comes in
 * (not whoever it was sent for: a colleague may have reopened and solved it since), else its
 * assignee.
 */
const SOLVER_SQL = `COALESCE(
  (SELECT e.actor_id FROM ticket_events e
    WHERE e.ticket_id = t.id AND e.type = 'updated' AND e.data->>'status' = 'solved' AND e.actor_id IS NOT NULL
    ORDER BY e.id DESC LIMIT 1),
  t.assignee_id)`;

/**
 * Stores an answer, once per ticket and kind (a later answer replaces the earlier one, so nothing
 * is counted twice), on the timeline ("Rated 2/5: …") and for the engines (`survey.received`).
 * The caller has locked the ticket. Every channel's answers come through here.
 */
export async function recordSurveyAnswer(tx: TicketTx, answer: SurveyAnswer): Promise<void> {
  const [stored] = await tx.sql.query<{
    agent_id: string | null;
    agent_name: string | null;
    replaced: boolean;
  }>(
    `WITH t AS (SELECT id, contact_id, ${SOLVER_SQL} AS agent_id FROM tickets t WHERE t.id = $1),
          s AS (
            INSERT INTO survey_responses (ticket_id, kind, score, comment, channel, agent_id, contact_id, request_id, answered_at)
            SELECT t.id, $2, $3, $4, $5, t.agent_id, t.contact_id, $6, now() FROM t
            ON CONFLICT (ticket_id, kind) DO UPDATE
               SET score = EXCLUDED.score, comment = EXCLUDED.comment, channel = EXCLUDED.channel,
                   agent_id = EXCLUDED.agent_id, request_id = COALESCE(EXCLUDED.request_id, survey_responses.request_id),
                   answered_at = now(), updated_at = now()
            RETURNING agent_id, (xmax <> 0) AS replaced)
     SELECT s.agent_id, u.name AS agent_name, s.replaced FROM s LEFT JOIN users u ON u.id = s.agent_id`,
    [answer.ticketId, answer.kind, answer.score, answer.comment, answer.channel, answer.requestId ?? null],
  );
  if (answer.requestId)
    await tx.sql.query(`UPDATE survey_requests SET status = 'answered', updated_at = now() WHERE id = $1`, [
      answer.requestId,
    ]);
  const payload = {
    kind: answer.kind,
    score: answer.score,
    comment: answer.comment,
    channel: answer.channel,
    agentId: stored?.agent_id ?? null,
    agentName: stored?.agent_name ?? null,
    changed: stored?.replaced ?? false,
  };
  const updated = await tx.touch(answer.ticketId);
  await tx.appendEvent(updated, 'survey', payload);
  await tx.ticketUpdated(updated, {});
  await tx.emitToEngines(answer.ticketId, 'survey.received', {
    kind: answer.kind,
    score: answer.score,
    comment: answer.comment,
    channel: answer.channel,
    agentId: payload.agentId,
  });
}
