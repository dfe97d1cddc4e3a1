import { Dialog } from '../../../components/Dialog';
import { SHORTCUTS } from '../hooks/useShortcuts';
import { useTranslation } from '../../../i18n';

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>
                  {s.keys === 'Esc'
                    ? t('shortcuts.escKey')
                    : s.keys === 'Enter'
                      ? t('shortcuts.enterKey')
                      : s.keys}
                </kbd>
              </th>
              <td>{t(`shortcuts.${s.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
