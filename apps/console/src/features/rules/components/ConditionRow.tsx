import type { RuleCondition } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { channelName } from '../../../lib/channel-names';
import {
  CONDITION_FIELDS,
  FIXED_VALUES,
  isConditionField,
  operatorsOf,
  withField,
  withOperator,
  type ConditionOp,
} from '../lib/rule-fields';
import type { RuleChoices } from './rule-choices';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';

interface Props {
  /** "All 1", "Any 2": names the row's controls for screen readers. */
  label: string;
  condition: RuleCondition;
  allowChanges: boolean;
  choices: RuleChoices;
  onChange(next: RuleCondition): void;
  onRemove(): void;
}

/** One condition: field, operator and (unless the operator is "changed") a value. */
export function ConditionRow({ label, condition, allowChanges, choices, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const field = isConditionField(condition.field) ? condition.field : 'body';
  const value = Array.isArray(condition.value) ? condition.value.join(', ') : (condition.value ?? '');
  const pick = (options: Array<{ id: string; name: string }>, nobody?: boolean) => (
    <Select
      label={t('rules.conditionValue', { label })}
      hideLabel
      value={condition.value === null ? '' : value}
      onChange={(e) => onChange({ ...condition, value: e.target.value || null })}
    >
      {nobody ? <option value="">{t('rules.nobody')}</option> : <option value="">{t('rules.choose')}</option>}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </Select>
  );
  const fixed = FIXED_VALUES[field];
  const valueLabel = (v: string) =>
    field === 'status' ? t(`status.${v}`) : field === 'priority' ? t(`priority.${v}`) : channelName(v);

  return (
    <div className="rule-row" role="group" aria-label={label}>
      <Select
        label={t('rules.conditionField', { label })}
        hideLabel
        value={field}
        onChange={(e) =>
          isConditionField(e.target.value) && onChange(withField(e.target.value, allowChanges))
        }
      >
        {CONDITION_FIELDS.map((f) => (
          <option key={f} value={f}>
            {t(`rules.fields.${f}`)}
          </option>
        ))}
      </Select>
      <Select
        label={t('rules.conditionOperator', { label })}
        hideLabel
        value={condition.op}
        onChange={(e) => onChange(withOperator(condition, e.target.value as ConditionOp))}
      >
        {operatorsOf(field, allowChanges).map((op) => (
          <option key={op} value={op}>
            {t(`rules.operators.${op}`)}
          </option>
        ))}
      </Select>
      {condition.op === 'changed' ? null : fixed ? (
        <Select
          label={t('rules.conditionValue', { label })}
          hideLabel
          value={value}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
        >
          {fixed.map((v) => (
            <option key={v} value={v}>
              {valueLabel(v)}
            </option>
          ))}
        </Select>
      ) : field === 'teamId' ? (
        pick(choices.teams, true)
      ) : field === 'assigneeId' ? (
        pick(choices.agents, true)
      ) : field === 'channelAccountId' ? (
        pick(choices.accounts)
      ) : (
        <Input
          label={t('rules.conditionValue', { label })}
          hideLabel
          value={value}
          maxLength={1000}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
        />
      )}
      <Button aria-label={t('rules.removeCondition', { label })} onClick={onRemove}>
        {t('rules.remove')}
      </Button>
    </div>
  );
}
