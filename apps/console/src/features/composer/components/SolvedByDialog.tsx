import { useTranslation } from '../../../i18n';
import { useId, useState } from 'react';
import type { UserView } from '@switchboard/contracts';
import { Dialog } from '../../../components/Dialog';
import { Button } from '../../../components/Button';
import { Radio } from '../../../components/Choice';

/**
 * A ticket is solved by someone: when it has no assignee, the agent says who (themselves by
 * default), so reports credit the right person.
 */
export function SolvedByDialog({
  ticketNumber,
  agents,
  meId,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  ticketNumber: number;
  agents: UserView[];
  meId: string;
  busy: boolean;
  error: string | null;
  onConfirm(assigneeId: string): void;
  onCancel(): void;
}) {
  const id = useId();
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(meId);
  const people = [...agents].sort((a, b) =>
    a.id === meId ? -1 : b.id === meId ? 1 : a.name.localeCompare(b.name),
  );
  return (
    <Dialog
      title={t('composer.solvedBy.title', { number: ticketNumber })}
      onClose={onCancel}
      describedBy={`${id}-why`}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(chosen);
        }}
      >
        <p id={`${id}-why`} className="muted">
          {t('composer.solvedBy.why')}
        </p>
        <fieldset className="solved-by">
          <legend>{t('composer.solvedBy.legend')}</legend>
          {people.map((agent) => (
            <Radio
              key={agent.id}
              name={`${id}-agent`}
              value={agent.id}
              label={agent.id === meId ? t('composer.solvedBy.me', { name: agent.name }) : agent.name}
              checked={chosen === agent.id}
              onChange={() => setChosen(agent.id)}
            />
          ))}
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t('composer.solvedBy.saving') : t('composer.solvedBy.markSolved')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
