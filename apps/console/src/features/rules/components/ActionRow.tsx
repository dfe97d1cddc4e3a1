import type { RuleAction } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { ACTION_TYPES, newAction, RULE_SETTABLE_STATUSES } from '../lib/rule-fields';
import { ActionRowFrame, PriorityField, StatusField, TagsField, useActionPartName } from './action-row-parts';
import type { RuleChoices } from './rule-choices';
import { Input, TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';

interface Props {
  /** "Action 1": names the row's controls for screen readers. */
  label: string;
  action: RuleAction;
  choices: RuleChoices;
  onChange(next: RuleAction): void;
  onRemove(): void;
}

const STRATEGY = 'strategy:';

/** One action: its type and what it needs (tags, a person, a team, a text, a URL). */
export function ActionRow({ label, action, choices, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const named = useActionPartName(label);

  function details() {
    switch (action.type) {
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
            value={'agentId' in action && action.agentId ? action.agentId : `${STRATEGY}${action.strategy}`}
            onChange={(e) =>
              onChange(
                e.target.value.startsWith(STRATEGY)
                  ? {
                      type: 'assign',
                      strategy: e.target.value.slice(STRATEGY.length) as 'round_robin' | 'balanced',
                    }
                  : { type: 'assign', agentId: e.target.value },
              )
            }
          >
            <option value={`${STRATEGY}round_robin`}>{t('rules.roundRobin')}</option>
            <option value={`${STRATEGY}balanced`}>{t('rules.balanced')}</option>
            {choices.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        );
      case 'set_team':
        return (
          <Select
            label={named(t('rules.team'))}
            hideLabel
            value={action.teamId}
            onChange={(e) => onChange({ ...action, teamId: e.target.value })}
          >
            <option value="">{t('rules.choose')}</option>
            {choices.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        );
      case 'set_status':
        return (
          <StatusField
            rowLabel={label}
            status={action.status}
            statuses={RULE_SETTABLE_STATUSES}
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
      case 'add_note':
        return (
          <TextArea
            label={named(t('rules.noteText'))}
            hideLabel
            rows={2}
            value={action.body}
            onChange={(e) => onChange({ ...action, body: e.target.value })}
          />
        );
      case 'reply':
        return (
          <TextArea
            label={named(t('rules.replyTemplate'))}
            hideLabel
            placeholder={t('rules.replyPlaceholder')}
            rows={3}
            value={action.template}
            onChange={(e) => onChange({ ...action, template: e.target.value })}
          />
        );
      case 'notify':
        return (
          <>
            <Select
              label={named(t('rules.notifyWhom'))}
              hideLabel
              value={action.target === 'agent' ? (action.agentId ?? '') : action.target}
              onChange={(e) =>
                onChange(
                  e.target.value === 'assignee' || e.target.value === 'team'
                    ? { type: 'notify', target: e.target.value, message: action.message }
                    : { type: 'notify', target: 'agent', agentId: e.target.value, message: action.message },
                )
              }
            >
              <option value="assignee">{t('rules.notifyAssignee')}</option>
              <option value="team">{t('rules.notifyTeam')}</option>
              {choices.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
            <Input
              label={named(t('rules.notifyMessage'))}
              hideLabel
              value={action.message}
              maxLength={1000}
              onChange={(e) => onChange({ ...action, message: e.target.value })}
            />
          </>
        );
      case 'webhook':
        return (
          <Input
            type="url"
            label={named(t('rules.webhookUrl'))}
            hideLabel
            placeholder="https://"
            value={action.url}
            onChange={(e) => onChange({ ...action, url: e.target.value })}
          />
        );
      case 'solve':
        return null;
    }
  }

  return (
    <ActionRowFrame
      label={label}
      type={action.type}
      types={ACTION_TYPES}
      typeName={(type) => t(`rules.actions.${type}`)}
      onTypeChange={(type) => onChange(newAction(type, { teamId: choices.teams[0]?.id }))}
      onRemove={onRemove}
    >
      {details()}
    </ActionRowFrame>
  );
}
