import { useId, useState } from 'react';
import type { AdminUserView } from '@switchboard/contracts';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useTranslation } from '../../../i18n';
import { Select } from '../../../components/Select';
import { Radio } from '../../../components/Choice';

/**
 * Disabling asks where the person's open tickets go, so none is left with someone who cannot
 * sign in: back to their team's queue (the default), or to another active agent.
 */
export function PeopleDisableDialog({
  person,
  colleagues,
  onDisable,
  onCancel,
}: {
  person: AdminUserView;
  /** Active people who can take the tickets over (the person themself excluded). */
  colleagues: AdminUserView[];
  onDisable(reassignToAgentId: string | null): Promise<unknown>;
  onCancel(): void;
}) {
  const id = useId();
  const { t } = useTranslation();
  const [target, setTarget] = useState<'queue' | 'agent'>('queue');
  const [agentId, setAgentId] = useState(colleagues[0]?.id ?? '');

  return (
    <ConfirmDialog
      title={t('adminScreens.people.disableTitle', { name: person.name })}
      message={<p>{t('adminScreens.people.disableMessage')}</p>}
      confirmLabel={t('adminScreens.people.disable')}
      danger
      onCancel={onCancel}
      onConfirm={() => onDisable(target === 'agent' && agentId ? agentId : null)}
    >
      <fieldset className="stack">
        <legend>{t('adminScreens.people.theirOpenTickets')}</legend>
        <Radio
          name={`${id}-target`}
          label={t('adminScreens.people.backToQueue')}
          checked={target === 'queue'}
          onChange={() => setTarget('queue')}
        />
        <Radio
          name={`${id}-target`}
          label={t('adminScreens.people.toAnotherAgent')}
          checked={target === 'agent'}
          disabled={colleagues.length === 0}
          onChange={() => setTarget('agent')}
        />
        {target === 'agent' && (
          <Select
            label={t('adminScreens.roles.agent')}
            value={agentId}
            onChange={(e) => setAgentId(e.target.value)}
            options={colleagues.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
      </fieldset>
    </ConfirmDialog>
  );
}
