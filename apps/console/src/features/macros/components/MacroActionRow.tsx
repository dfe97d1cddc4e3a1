import { TICKET_STATUSES, type MacroAction } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import {
  ActionRowFrame,
  PriorityField,
  StatusField,
  TagsField,
  useActionPartName,
} from '../../rules/components/action-row-parts';
import { TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';

export const MACRO_ACTION_TYPES = [
  'reply',
  'add_note',
  'set_status',
  'set_priority',
  'add_tags',
  'remove_tags',
  'assign',
] as const satisfies ReadonlyArray<MacroAction['type']>;
type MacroActionType = (typeof MACRO_ACTION_TYPES)[number];

/** Every status but "new", which a ticket has only until someone first acts on it. */
const SETTABLE_STATUSES = TICKET_STATUSES.filter((s) => s !== 'new');

export function newMacroAction(type: MacroActionType): MacroAction {
  switch (type) {
    case 'reply':
    case 'add_note':
      return { type, body: '' };
    case 'set_status':
      return { type, status: 'pending' };
    case 'set_priority':
      return { type, priority: 'high' };
    case 'add_tags':
    case 'remove_tags':
      return { type, tags: [] };
    case 'assign':
      return { type, agentId: null };
  }
}

interface Props {
  label: string;
  action: MacroAction;
  agents: Array<{ id: string; name: string }>;
  onChange(next: MacroAction): void;
  onRemove(): void;
}

/** One step of a macro: a reply or note text (with variables), a status, priority, tags or assignee. */
export function MacroActionRow({ label, action, agents, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const named = useActionPartName(label);

  function details() {
    switch (action.type) {
      case 'reply':
      case 'add_note':
        return (
          <TextArea
            label={named(t(action.type === 'reply' ? 'macros.replyText' : 'rules.noteText'))}
            hideLabel
            placeholder={action.type === 'reply' ? t('rules.replyPlaceholder') : undefined}
            rows={3}
            value={action.body}
            onChange={(e) => onChange({ ...action, body: e.target.value })}
          />
        );
      case 'set_status':
        return (
          <StatusField
            rowLabel={label}
            status={action.status}
            statuses={SETTABLE_STATUSES}
            onChange={(status) => onChange({ ...action, status })}
          />
        );
      case 'set_priority':
        return (
          <PriorityField
            rowLabel={label}
            priority={action.priority}
            onChange={(priority) => onChange({ ...action, priority })}
          />
        );
      case 'add_tags':
      case 'remove_tags':
        return (
          <TagsField rowLabel={label} tags={action.tags} onChange={(tags) => onChange({ ...action, tags })} />
        );
      case 'assign':
        return (
          <Select
            label={named(t('rules.assignee'))}
            hideLabel
            value={action.agentId ?? ''}
            onChange={(e) => onChange({ ...action, agentId: e.target.value || null })}
          >
            <option value="">{t('macros.unassign')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        );
    }
  }

  return (
    <ActionRowFrame
      label={label}
      type={action.type}
      types={MACRO_ACTION_TYPES}
      typeName={(type) => t(`macros.actions.${type}`)}
      onTypeChange={(type) => onChange(newMacroAction(type))}
      onRemove={onRemove}
    >
      {details()}
    </ActionRowFrame>
  );
}
