import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';

/**
 * The end of the rule and macro editors: why the last save failed, then save and cancel. Shared
 * so both editors report a refusal and show that they are saving the same way.
 */
export function EditorFooter({
  error,
  busy,
  onCancel,
}: {
  error: string | null;
  busy: boolean;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('rules.saving') : t('rules.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </>
  );
}
