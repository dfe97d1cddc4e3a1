import type { ContactSatisfactionView } from '@switchboard/contracts';
import { dateTime } from '../../../lib/format';
import { useTranslation } from '../../../i18n';

/** The contact's survey answers, newest first; nothing when they never answered one. */
export function SatisfactionHistory({ answers }: { answers: ContactSatisfactionView[] }) {
  const { t } = useTranslation();
  if (!answers.length) return null;
  const csat = answers.filter((a) => a.kind === 'csat');
  const average = csat.length ? csat.reduce((sum, a) => sum + a.score, 0) / csat.length : null;
  return (
    <section className="contact-satisfaction" aria-label={t('contacts.satisfaction')}>
      <h3 className="section-title">{t('contacts.satisfaction')}</h3>
      {average !== null && (
        <p>{t('contacts.csatAverage', { average: average.toFixed(1), count: csat.length })}</p>
      )}
      <ul>
        {answers.map((a) => (
          <li key={`${a.ticketId}-${a.kind}`}>
            <a href={`#/tickets/${a.ticketId}`}>#{a.ticketNumber}</a>{' '}
            <span className="badge">
              {t('contacts.score', { kind: a.kind.toUpperCase(), score: a.score })}
            </span>{' '}
            {a.comment && <q>{a.comment}</q>} <time dateTime={a.createdAt}>{dateTime(a.createdAt)}</time>
            {a.agentName && (
              <span className="survey-agent"> · {t('surveys.forAgent', { agent: a.agentName })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
