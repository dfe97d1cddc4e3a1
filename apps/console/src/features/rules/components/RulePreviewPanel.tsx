import type { RuleConditions } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { useRulePreview } from '../hooks/useRules';

/** "Test against open tickets": which open tickets the conditions as written match now. */
export function RulePreviewPanel({ conditions }: { conditions: RuleConditions }) {
  const { t } = useTranslation();
  const preview = useRulePreview();
  const result = preview.data;
  return (
    <section className="rule-preview" aria-labelledby="rule-preview-heading">
      <h3 id="rule-preview-heading">{t('rules.preview.heading')}</h3>
      <Button disabled={preview.isPending} onClick={() => preview.mutate(conditions)}>
        {preview.isPending ? t('rules.preview.testing') : t('rules.preview.test')}
      </Button>
      {preview.isError && (
        <p className="form-error" role="alert">
          {preview.error.message}
        </p>
      )}
      <div role="status">
        {result && (
          <p>
            {result.complete
              ? t('rules.preview.matched', { count: result.matched, scanned: result.scanned })
              : t('rules.preview.matchedRecent', { count: result.matched, scanned: result.scanned })}
          </p>
        )}
      </div>
      {result && result.items.length > 0 && (
        <ul className="rule-preview-list" aria-label={t('rules.preview.listLabel')}>
          {result.items.map((ticket) => (
            <li key={ticket.id}>
              <a href={`#/tickets/${ticket.id}`}>#{ticket.number}</a> {ticket.subject || t('rules.noSubject')}{' '}
              <span className="muted">{t(`status.${ticket.status}`)}</span>
            </li>
          ))}
          {result.matched > result.items.length && (
            <li className="muted">
              {t('rules.preview.more', { count: result.matched - result.items.length })}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
