import { useState } from 'react';
import { useTranslation } from '../../../../i18n';
import { Button } from '../../../../components/Button';

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
          <Button variant="danger" disabled={pending} onClick={onConfirm}>
            {t('slaAdmin.yesDelete')}
          </Button>{' '}
          <Button onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
        </span>
      ) : (
        <Button aria-label={t('adminScreens.deleteNamed', { name: what })} onClick={() => setAsking(true)}>
          {t('adminScreens.delete')}
        </Button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
