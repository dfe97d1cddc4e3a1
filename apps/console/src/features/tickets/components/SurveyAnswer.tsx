import type { TicketEventView } from '@switchboard/contracts';
import { dateTime } from '../../../lib/format';
import { surveyAnswer } from '../../../lib/survey-answer';
import '../survey-answer.css';
import { Trans, useTranslation } from '../../../i18n';

/**
 * The customer's answer to the satisfaction survey, as a line from them: who, the score out of
 * its scale, and their comment in their own words.
 */
export function SurveyAnswer({ event, customer }: { event: TicketEventView; customer: string }) {
  const answer = surveyAnswer(event.data);
  const { t } = useTranslation();
  return (
    <li className="event survey-answer" data-event-type="survey">
      <article aria-label={t('tickets.surveyFrom', { customer })}>
        <span>
          <Trans
            i18nKey={answer.channel ? 'tickets.surveyRatedIn' : 'tickets.surveyRated'}
            values={{ customer, score: answer.score, channel: answer.channel }}
            components={{ who: <strong />, score: <strong className="survey-score" /> }}
          />
        </span>{' '}
        <time dateTime={event.createdAt}>{dateTime(event.createdAt)}</time>
        {answer.agentName && (
          <span className="survey-agent"> · {t('surveys.forAgent', { agent: answer.agentName })}</span>
        )}
        {answer.comment && <blockquote className="survey-comment">{answer.comment}</blockquote>}
      </article>
    </li>
  );
}
