import type { MacroView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';

/**
 * Macros with their steps and edit and delete buttons: Admin → Macros and an agent's own macros
 * show the same rows, the admin list also saying whether each one is shared.
 */
export function MacroList({
  macros,
  label,
  showScope,
  onEdit,
  onDelete,
}: {
  macros: MacroView[];
  /** Names the list for screen readers. */
  label: string;
  /** Says "Shared" or "Personal" before the steps. */
  showScope: boolean;
  onEdit(macro: MacroView): void;
  onDelete(macro: MacroView): void;
}) {
  const { t } = useTranslation();
  return (
    <ul className="rule-list macro-list" aria-label={label}>
      {macros.map((macro) => (
        <li key={macro.id} className="rule-item">
          <div className="rule-summary">
            <strong className="rule-name">{macro.name}</strong>
            <span className="muted">
              {showScope && <>{t(macro.shared ? 'macros.shared' : 'macros.personal')} · </>}
              {macro.actions.map((a) => t(`macros.actions.${a.type}`)).join(', ')}
            </span>
          </div>
          <div className="rule-controls">
            <Button aria-label={t('rules.editOf', { name: macro.name })} onClick={() => onEdit(macro)}>
              {t('rules.edit')}
            </Button>
            <Button
              variant="danger"
              aria-label={t('rules.deleteOf', { name: macro.name })}
              onClick={() => onDelete(macro)}
            >
              {t('rules.delete')}
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}
