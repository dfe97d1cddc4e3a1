import { useId, useState } from 'react';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { useTranslation } from '../../../i18n';
import { useShortcuts } from '../../shortcuts/hooks/useShortcuts';
import { useApplyMacro, useMacros } from '../hooks/useMacros';
import { MyMacros } from './MyMacros';
import { Input } from '../../../components/Input';

/**
 * The composer's macro picker, also opened with `m` (when the agent is not typing in a field):
 * a filterable list of my and the shared macros; choosing one applies all its steps to the
 * ticket at once, or none when one fails. From here every agent also manages their personal macros.
 */
export function MacroPicker({ ticketId, ticketNumber }: { ticketId: string; ticketNumber: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [managing, setManaging] = useState(false);
  const [filter, setFilter] = useState('');
  const [applied, setApplied] = useState<string | null>(null);
  const macros = useMacros(open);
  const { one } = useApplyMacro();
  useShortcuts({ m: () => setOpen(true) });
  const shown = (macros.data ?? []).filter((m) => m.name.toLowerCase().includes(filter.trim().toLowerCase()));

  function close() {
    setOpen(false);
    setManaging(false);
    setFilter('');
    one.reset();
  }

  return (
    <span className="macro-picker-slot">
      <Button aria-keyshortcuts="m" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('macros.apply')}
      </Button>
      <span role="status" className="muted">
        {applied && t('macros.applied', { name: applied })}
      </span>
      {open && (
        <Dialog
          title={managing ? t('myMacros.title') : t('macros.pickerTitle', { number: ticketNumber })}
          onClose={close}
        >
          {managing ? (
            <MyMacros onDone={() => setManaging(false)} />
          ) : (
            <div className="stack macro-picker">
              <Input
                label={t('macros.filter')}
                id={`${id}-filter`}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && shown.length === 1) {
                    e.preventDefault();
                    apply(shown[0].id, shown[0].name);
                  }
                }}
              />
              {macros.isPending ? (
                <p className="muted">{t('common.loading')}</p>
              ) : shown.length === 0 ? (
                <p className="muted">{t('macros.noneFound')}</p>
              ) : (
                <ul className="macro-choices" aria-label={t('macros.listLabel')}>
                  {shown.map((m) => (
                    <li key={m.id}>
                      <Button disabled={one.isPending} onClick={() => apply(m.id, m.name)}>
                        {m.name}
                      </Button>{' '}
                      <span className="muted">{t(m.shared ? 'macros.shared' : 'macros.personal')}</span>
                    </li>
                  ))}
                </ul>
              )}
              {one.isError && (
                <p className="form-error" role="alert">
                  {one.error.message}
                </p>
              )}
              <Button onClick={() => setManaging(true)}>{t('myMacros.manage')}</Button>
            </div>
          )}
        </Dialog>
      )}
    </span>
  );

  function apply(macroId: string, name: string) {
    setApplied(null);
    one.mutate(
      { ticketId, macroId },
      {
        onSuccess: () => {
          setApplied(name);
          close();
        },
      },
    );
  }
}
