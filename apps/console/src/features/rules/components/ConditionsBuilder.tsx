import type { RuleCondition, RuleConditions } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { newCondition } from '../lib/rule-fields';
import { ConditionRow } from './ConditionRow';
import type { RuleChoices } from './rule-choices';

type Group = 'all' | 'any';

interface Props {
  value: RuleConditions;
  allowChanges: boolean;
  choices: RuleChoices;
  onChange(next: RuleConditions): void;
}

/**
 * The conditions in two groups, as the engine reads them: every "all" row must hold and, when
 * there are "any" rows, at least one of them. No rows at all matches every ticket.
 */
export function ConditionsBuilder({ value, allowChanges, choices, onChange }: Props) {
  const { t } = useTranslation();
  const set = (group: Group, rows: RuleCondition[]) => {
    const next = { ...value, [group]: rows };
    if (!rows.length) delete next[group];
    onChange(next);
  };
  return (
    <>
      {(['all', 'any'] as const).map((group) => {
        const rows = value[group] ?? [];
        return (
          <fieldset key={group} className="rule-group">
            <legend>{t(group === 'all' ? 'rules.allOf' : 'rules.anyOf')}</legend>
            {rows.length === 0 && <p className="muted">{t('rules.noConditions')}</p>}
            {rows.map((c, i) => (
              <ConditionRow
                key={i}
                label={t(group === 'all' ? 'rules.allRow' : 'rules.anyRow', { n: i + 1 })}
                condition={c}
                allowChanges={allowChanges}
                choices={choices}
                onChange={(next) =>
                  set(
                    group,
                    rows.map((r, j) => (j === i ? next : r)),
                  )
                }
                onRemove={() =>
                  set(
                    group,
                    rows.filter((_, j) => j !== i),
                  )
                }
              />
            ))}
            <Button onClick={() => set(group, [...rows, newCondition('body', allowChanges)])}>
              {t(group === 'all' ? 'rules.addAllCondition' : 'rules.addAnyCondition')}
            </Button>
          </fieldset>
        );
      })}
    </>
  );
}
