import { useState } from 'react';
import { PRIORITIES, TICKET_STATUSES, type MacroAction } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { parseTags } from '../../rules/lib/rule-fields';

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
          <textarea
            aria-label={named(t(action.type === 'reply' ? 'macros.replyText' : 'rules.noteText'))}
            placeholder={action.type === 'reply' ? t('rules.replyPlaceholder') : undefined}
            rows={3}
            value={action.body}
            onChange={(e) => onChange({ ...action, body: e.target.value })}
          />
        );
      case 'set_status':
        return (
          <select
            aria-label={named(t('rules.status'))}
            value={action.status}
            onChange={(e) => onChange({ ...action, status: e.target.value as typeof action.status })}
          >
            {TICKET_STATUSES.filter((s) => s !== 'new').map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        );
      case 'set_priority':
        return (
          <select
            aria-label={named(t('rules.priority'))}
            value={action.priority}
            onChange={(e) => onChange({ ...action, priority: e.target.value as typeof action.priority })}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        );
      case 'add_tags':
      case 'remove_tags':
        return (
          <input
            aria-label={named(t('rules.tags'))}
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
          <select
            aria-label={named(t('rules.assignee'))}
            value={action.agentId ?? ''}
            onChange={(e) => onChange({ ...action, agentId: e.target.value || null })}
          >
            <option value="">{t('macros.unassign')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        );
    }
  }

  return (
    <div className="rule-row" role="group" aria-label={label}>
      <select
        aria-label={named(t('rules.actionType'))}
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
      </select>
      {details()}
      <Button aria-label={t('rules.removeAction', { label })} onClick={onRemove}>
        {t('rules.remove')}
      </Button>
    </div>
  );
}
