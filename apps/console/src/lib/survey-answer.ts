import { channelName } from './channel-names';

/** The top of each kind's scale: CSAT 1–5, CES 1–7, NPS 0–10. */
const SCALE_MAX: Record<string, number> = { csat: 5, ces: 7, nps: 10 };

export interface SurveyAnswerText {
  /** "4/5" for CSAT, "NPS 9" or "CES 3" for the others. */
  score: string;
  comment: string | null;
  /** Where it was answered ("Web chat"), when the event says. */
  channel: string | null;
  /** The agent who solved the ticket, whom the answer counts for, when the event says. */
  agentName: string | null;
}

/** A `survey` event's data in words; what the API stores is `{ kind, score, comment, channel, agentName? }`. */
export function surveyAnswer(data: Record<string, unknown>): SurveyAnswerText {
  const kind = typeof data.kind === 'string' ? data.kind : 'csat';
  const score = data.score == null ? '?' : String(data.score);
  const comment = typeof data.comment === 'string' && data.comment.trim() ? data.comment.trim() : null;
  return {
    score: kind === 'csat' ? `${score}/5` : `${kind.toUpperCase()} ${score}/${SCALE_MAX[kind] ?? '?'}`,
    comment,
    channel: typeof data.channel === 'string' && data.channel ? channelName(data.channel) : null,
    agentName: typeof data.agentName === 'string' && data.agentName ? data.agentName : null,
  };
}
