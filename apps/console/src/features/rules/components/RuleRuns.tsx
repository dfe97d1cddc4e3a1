import { useTranslation } from '../../../i18n';
import { dateTime } from '../../../lib/format';
import { useRuleRuns } from '../hooks/useRules';

/** What a rule did, newest first: when, on which ticket, the outcome and why. */
export function RuleRuns({ ruleId, ruleName }: { ruleId: string; ruleName: string }) {
  const { t } = useTranslation();
  const runs = useRuleRuns(ruleId);
  if (runs.isError)
    return (
      <p className="form-error" role="alert">
        {runs.error.message}
      </p>
    );
  if (runs.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (runs.data.length === 0) return <p className="muted">{t('rules.runs.none')}</p>;
  return (
    <ul className="rule-runs" aria-label={t('rules.runs.label', { name: ruleName })}>
      {runs.data.map((run) => (
        <li key={run.id} className={`rule-run rule-run-${run.outcome}`}>
          <time dateTime={run.createdAt}>{dateTime(run.createdAt)}</time>{' '}
          {run.ticketId ? (
            <a href={`#/tickets/${run.ticketId}`}>
              {run.ticketNumber === null ? t('rules.runs.ticket') : `#${run.ticketNumber}`}
            </a>
          ) : (
            <span className="muted">{t('rules.runs.noTicket')}</span>
          )}{' '}
          <strong>{t(`rules.runs.${run.outcome}`)}</strong>
          {run.reason && <span className="rule-run-reason"> {run.reason}</span>}
        </li>
      ))}
    </ul>
  );
}
