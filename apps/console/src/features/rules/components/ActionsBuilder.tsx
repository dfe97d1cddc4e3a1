import type { RuleAction } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { newAction } from '../lib/rule-fields';
import { ActionRow } from './ActionRow';
import type { RuleChoices } from './rule-choices';

/** The actions, run in this order through the same ticket writer an agent's changes use. */
export function ActionsBuilder({
  value,
  choices,
  onChange,
}: {
  value: RuleAction[];
  choices: RuleChoices;
  onChange(next: RuleAction[]): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="rule-group">
      <legend>{t('rules.thenDo')}</legend>
      {value.map((action, i) => (
        <ActionRow
          // The type is part of the key so a row's own text (its tags as typed) starts afresh.
          key={`${i}:${action.type}`}
          label={t('rules.actionRow', { n: i + 1 })}
          action={action}
          choices={choices}
          onChange={(next) => onChange(value.map((a, j) => (j === i ? next : a)))}
          onRemove={() => onChange(value.filter((_, j) => j !== i))}
        />
      ))}
      <Button onClick={() => onChange([...value, newAction('add_tags')])}>{t('rules.addAction')}</Button>
    </fieldset>
  );
}
