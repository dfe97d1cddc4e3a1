import { useId, useState, type FormEvent } from 'react';
import type { CreateMacroBody, MacroAction, MacroView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { EditorFooter } from '../../rules/components/EditorFooter';
import { MacroActionRow, newMacroAction } from './MacroActionRow';
import { Input } from '../../../components/Input';
import { Checkbox } from '../../../components/Choice';

/** What a reply or note may fill in, rendered on the server (libs/contracts macros.ts). */
const MACRO_VARIABLES = [
  'contact.name',
  'contact.first_name',
  'ticket.number',
  'ticket.subject',
  'agent.name',
];

interface Props {
  macro?: MacroView;
  /** Supervisors and admins may share a macro with everyone. */
  canShare: boolean;
  agents: Array<{ id: string; name: string }>;
  busy: boolean;
  onSave(body: CreateMacroBody): Promise<unknown>;
  onCancel(): void;
}

/** A macro's name, who sees it, and its steps, applied together on a ticket or none at all. */
export function MacroEditor({ macro, canShare, agents, busy, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(macro?.name ?? '');
  const [shared, setShared] = useState(macro?.shared ?? false);
  const [actions, setActions] = useState<MacroAction[]>(macro?.actions ?? [newMacroAction('reply')]);
  const [error, setError] = useState<string | null>(null);
  const title = macro ? t('macros.editTitle', { name: macro.name }) : t('macros.newTitle');

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await onSave({ name: name.trim(), shared, actions });
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  return (
    <form className="rule-editor stack" aria-label={title} onSubmit={(e) => void save(e)} noValidate>
      <h3>{title}</h3>
      <Input
        label={t('macros.name')}
        id={`${id}-name`}
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
      />
      {canShare && (
        <Checkbox
          label={t('macros.sharedLabel')}
          checked={shared}
          onChange={(e) => setShared(e.target.checked)}
        />
      )}
      <fieldset className="rule-group">
        <legend>{t('macros.steps')}</legend>
        {actions.map((action, i) => (
          <MacroActionRow
            key={`${i}:${action.type}`}
            label={t('rules.actionRow', { n: i + 1 })}
            action={action}
            agents={agents}
            onChange={(next) => setActions(actions.map((a, j) => (j === i ? next : a)))}
            onRemove={() => setActions(actions.filter((_, j) => j !== i))}
          />
        ))}
        <Button onClick={() => setActions([...actions, newMacroAction('add_note')])}>
          {t('rules.addAction')}
        </Button>
      </fieldset>
      <p className="muted">
        {t('macros.variables', { vars: MACRO_VARIABLES.map((v) => '{{' + v + '}}').join(', ') })}
      </p>
      <EditorFooter error={error} busy={busy} onCancel={onCancel} />
    </form>
  );
}
