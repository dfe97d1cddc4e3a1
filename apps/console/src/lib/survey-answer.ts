import { channelName } from './channel-names';

export interface SurveyAnswerText {
  /** "4/5" for CSAT, "NPS 9" or "CES 3" for the others. */
  score: string;
  comment: string | null;
  /** Where it was answered ("Web chat"), when the event says. */
  channel: string | null;
}

/** A `survey` event's data in words; what the API stores is `{ kind, score, comment, channel }`. */
export function surveyAnswer(data: Record<string, unknown>): SurveyAnswerText {
  const kind = typeof data.kind === 'string' ? data.kind : 'csat';
  const score = data.score == null ? '?' : String(data.score);
  const comment = typeof data.comment === 'string' && data.comment.trim() ? data.comment.trim() : null;
  return {
    score: kind === 'csat' ? `${score}/5` : `${kind.toUpperCase()} ${score}`,
    comment,
    channel: typeof data.channel === 'string' && data.channel ? channelName(data.channel) : null,
  };
}
