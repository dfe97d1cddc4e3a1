import { useTranslation } from '../../../i18n';
import { useTicketSurveys } from '../hooks/useTicketSurveys';
import { isUnhappy, scoreText } from '../lib/score';
import '../surveys.css';

/**
 * The customer's answers in the ticket header ("Rated 2/5: still broken"), with the agent the
 * answer counts for; nothing until the customer answered.
 */
export function TicketSatisfaction({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { data } = useTicketSurveys(ticketId);
  if (!data?.length) return null;
  return (
    <span className="ticket-satisfaction" aria-label={t('surveys.ticketScores')}>
      {data.map((r) => (
        <span
          key={r.id}
          className={`badge survey-badge${isUnhappy(r.kind, r.score) ? ' survey-unhappy' : ''}`}
          data-survey-kind={r.kind}
        >
          {r.comment
            ? t('surveys.ratedWithComment', { score: scoreText(r.kind, r.score), comment: r.comment })
            : t('surveys.rated', { score: scoreText(r.kind, r.score) })}
          {r.agent && (
            <span className="survey-agent"> · {t('surveys.forAgent', { agent: r.agent.name })}</span>
          )}
        </span>
      ))}
    </span>
  );
}
