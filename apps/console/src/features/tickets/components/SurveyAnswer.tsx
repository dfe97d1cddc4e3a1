import type { TicketEventView } from '@switchboard/contracts';
import { dateTime } from '../../../lib/format';
import { surveyAnswer } from '../../../lib/survey-answer';
import '../survey-answer.css';

/**
 * The customer's answer to the satisfaction survey, as a line from them: who, the score out of
 * its scale, and their comment in their own words.
 */
export function SurveyAnswer({ event, customer }: { event: TicketEventView; customer: string }) {
  const answer = surveyAnswer(event.data);
  return (
    <li className="event survey-answer" data-event-type="survey">
      <article aria-label={`Survey answer from ${customer}`}>
        <span>
          <strong>{customer}</strong> rated the conversation{' '}
          <strong className="survey-score">{answer.score}</strong>
          {answer.channel ? ` in ${answer.channel}` : ''}
        </span>{' '}
        <time dateTime={event.createdAt}>{dateTime(event.createdAt)}</time>
        {answer.comment && <blockquote className="survey-comment">{answer.comment}</blockquote>}
      </article>
    </li>
  );
}
