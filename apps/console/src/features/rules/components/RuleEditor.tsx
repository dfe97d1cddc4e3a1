import { useId, useState, type FormEvent } from 'react';
import {
  RULE_EVENTS,
  RULE_TIME_SINCE,
  type RuleAction,
  type RuleConditions,
  type RuleEvent,
  type RuleTimeCondition,
  type RuleView,
} from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { EditorFooter } from './EditorFooter';
import type { RuleDraft } from '../api/rules-api';
import { newAction } from '../lib/rule-fields';
import { ActionsBuilder } from './ActionsBuilder';
import { ConditionsBuilder } from './ConditionsBuilder';
import { RulePreviewPanel } from './RulePreviewPanel';
import type { RuleChoices } from './rule-choices';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { Checkbox, Radio } from '../../../components/Choice';

// What the API refuses for now (it says why); the editor does not offer them.
const EVENTS = RULE_EVENTS.filter((e) => e !== 'survey.received');
const SINCE = RULE_TIME_SINCE.filter((s) => s !== 'last_agent_reply');

interface Props {
  /** The rule being changed; a new rule when absent. */
  rule?: RuleView;
  choices: RuleChoices;
  busy: boolean;
  onSave(draft: RuleDraft): Promise<unknown>;
  onCancel(): void;
}

/** A rule's name, when it runs, its conditions and actions, with a test against open tickets. */
export function RuleEditor({ rule, choices, busy, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(rule?.name ?? '');
  const [trigger, setTrigger] = useState<'event' | 'time'>(rule?.trigger ?? 'event');
  const [events, setEvents] = useState<RuleEvent[]>(rule?.events ?? ['message.received']);
  const [time, setTime] = useState<RuleTimeCondition>(rule?.time ?? { since: 'solved', hours: 96 });
  const [conditions, setConditions] = useState<RuleConditions>(rule?.conditions ?? {});
  const [actions, setActions] = useState<RuleAction[]>(rule?.actions ?? [newAction('add_tags')]);
  const [active, setActive] = useState(rule?.active ?? true);
  const [error, setError] = useState<string | null>(null);
  const allowChanges = trigger === 'event' && events.includes('ticket.updated');

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await onSave({
        name: name.trim(),
        trigger,
        ...(trigger === 'event' ? { events } : { time }),
        conditions,
        actions,
        active,
      });
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  return (
    <form
      className="rule-editor stack"
      aria-label={rule ? t('rules.editTitle', { name: rule.name }) : t('rules.newTitle')}
      onSubmit={(e) => void save(e)}
      noValidate
    >
      <h3>{rule ? t('rules.editTitle', { name: rule.name }) : t('rules.newTitle')}</h3>
      <Input
        label={t('rules.name')}
        id={`${id}-name`}
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
      />
      <fieldset className="rule-group">
        <legend>{t('rules.when')}</legend>
        {(['event', 'time'] as const).map((kind) => (
          <Radio
            key={kind}
            name={`${id}-trigger`}
            label={t(kind === 'event' ? 'rules.onEvents' : 'rules.onTime')}
            checked={trigger === kind}
            // A rule keeps its trigger: the API changes everything else.
            disabled={Boolean(rule)}
            onChange={() => setTrigger(kind)}
          />
        ))}
        {trigger === 'event' ? (
          <fieldset className="rule-events">
            <legend>{t('rules.events')}</legend>
            {EVENTS.map((e) => (
              <Checkbox
                key={e}
                label={t(`rules.eventNames.${e}`)}
                checked={events.includes(e)}
                onChange={(ev) =>
                  setEvents(ev.target.checked ? [...events, e] : events.filter((x) => x !== e))
                }
              />
            ))}
          </fieldset>
        ) : (
          <div className="rule-row">
            <Input
              label={t('rules.hours')}
              id={`${id}-hours`}
              type="number"
              min={1}
              step={1}
              value={time.hours}
              onChange={(e) => setTime({ ...time, hours: Number(e.target.value) })}
            />
            <Select
              label={t('rules.since')}
              id={`${id}-since`}
              value={time.since}
              onChange={(e) => setTime({ ...time, since: e.target.value as RuleTimeCondition['since'] })}
            >
              {SINCE.map((s) => (
                <option key={s} value={s}>
                  {t(`rules.sinceNames.${s}`)}
                </option>
              ))}
            </Select>
          </div>
        )}
      </fieldset>
      <ConditionsBuilder
        value={conditions}
        allowChanges={allowChanges}
        choices={choices}
        onChange={setConditions}
      />
      <RulePreviewPanel conditions={conditions} />
      <ActionsBuilder value={actions} choices={choices} onChange={setActions} />
      <Checkbox
        label={t('rules.activeLabel')}
        checked={active}
        onChange={(e) => setActive(e.target.checked)}
      />
      <EditorFooter error={error} busy={busy} onCancel={onCancel} />
    </form>
  );
}
