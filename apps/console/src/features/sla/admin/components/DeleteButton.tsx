import { useState } from 'react';
import { useTranslation } from '../../../../i18n';

/**
 * "Delete" that asks once, in place (no browser dialog): a second button confirms, Cancel or
 * Escape backs out. The server's refusal (a policy still in use) shows beside it.
 */
export function DeleteButton({
  what,
  pending,
  error,
  onConfirm,
}: {
  what: string;
  pending: boolean;
  error: string | null;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  const { t } = useTranslation();
  return (
    <span className="sla-admin-delete" onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
      {asking ? (
        <span role="group" aria-label={t('slaAdmin.deleteQuestion', { what })}>
          <span className="meta">{t('slaAdmin.deleteQuestion', { what })}</span>{' '}
          <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
            {t('slaAdmin.yesDelete')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          aria-label={t('adminScreens.deleteNamed', { name: what })}
          onClick={() => setAsking(true)}
        >
          {t('adminScreens.delete')}
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
