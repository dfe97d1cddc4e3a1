import { useState } from 'react';
import { PRIORITIES, TICKET_STATUSES, type MacroAction } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { parseTags } from '../../rules/lib/rule-fields';
import { Input, TextArea } from '../../../components/Input';
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
  const [tagText, setTagText] = useState('tags' in action ? action.tags.join(', ') : '');
  const named = (what: string) => t('rules.actionPart', { label, what });

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
          <Select
            label={named(t('rules.status'))}
            hideLabel
            value={action.status}
            onChange={(e) => onChange({ ...action, status: e.target.value as typeof action.status })}
          >
            {TICKET_STATUSES.filter((s) => s !== 'new').map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </Select>
        );
      case 'set_priority':
        return (
          <Select
            label={named(t('rules.priority'))}
            hideLabel
            value={action.priority}
            onChange={(e) => onChange({ ...action, priority: e.target.value as typeof action.priority })}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </Select>
        );
      case 'add_tags':
      case 'remove_tags':
        return (
          <Input
            label={named(t('rules.tags'))}
            hideLabel
            placeholder={t('rules.tagsPlaceholder')}
            value={tagText}
            onChange={(e) => {
              setTagText(e.target.value);
              onChange({ ...action, tags: parseTags(e.target.value) });
            }}
          />
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
    <div className="rule-row" role="group" aria-label={label}>
      <Select
        label={named(t('rules.actionType'))}
        hideLabel
        value={action.type}
        onChange={(e) => {
          setTagText('');
          onChange(newMacroAction(e.target.value as MacroActionType));
        }}
      >
        {MACRO_ACTION_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`macros.actions.${type}`)}
          </option>
        ))}
      </Select>
      {details()}
      <Button aria-label={t('rules.removeAction', { label })} onClick={onRemove}>
        {t('rules.remove')}
      </Button>
    </div>
  );
}
