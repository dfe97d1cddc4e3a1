import { useState, type FormEvent } from 'react';
import {
  BOT_FLOW_STEP_TYPES,
  type BotBody,
  type BotKind,
  type BotCreatedView,
  type BotFlowStepType,
  type BotView,
} from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { Checkbox } from '../../../components/Choice';
import { Input, TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { useTranslation } from '../../../i18n';
import { useChannelAccounts } from '../../admin/hooks/useChannelAccounts';
import { useAdminTeams } from '../../admin/hooks/usePeople';
import { useBots, useSaveBot } from '../hooks/useBots';
import { emptyStep, flowFromForm, formFromStep, type StepForm } from '../lib/flow-form';
import '../bots.css';

const KIND_LABELS: Record<BotKind, string> = {
  flow: 'bots.kindFlow',
  external: 'bots.kindExternal',
  ai: 'bots.kindAi',
};

/** An AI bot's answers before a person takes over, when the admin sets none. */
const DEFAULT_MAX_TURNS = 3;

/** `#/admin/bots`: bots that answer a channel account's customers first and hand off to a team. */
export default function BotsAdmin() {
  const { t } = useTranslation();
  const bots = useBots();
  const [editing, setEditing] = useState<BotView | 'new' | null>(null);
  const [created, setCreated] = useState<BotCreatedView | null>(null);
  return (
    <section className="admin-section bots-admin" aria-labelledby="bots-heading">
      <h2 id="bots-heading">{t('bots.heading')}</h2>
      <p className="muted">{t('bots.intro')}</p>
      {bots.isError && (
        <p className="form-error" role="alert">
          {bots.error.message}
        </p>
      )}
      {created?.apiToken && (
        <div className="bots-secrets" role="status">
          <p>{t('bots.secretsOnce')}</p>
          <p>
            {t('bots.apiToken')}: <code>{created.apiToken}</code>
          </p>
          <p>
            {t('bots.signingSecret')}: <code>{created.signingSecret}</code>
          </p>
        </div>
      )}
      <ul className="bots-list">
        {(bots.data ?? []).map((bot) => (
          <li key={bot.id}>
            <span>{bot.name}</span>
            <span className="muted">{t(KIND_LABELS[bot.kind])}</span>
            {!bot.active && <span className="muted">{t('bots.inactive')}</span>}
            <Button onClick={() => setEditing(bot)}>{t('bots.edit')}</Button>
          </li>
        ))}
      </ul>
      {editing ? (
        <BotForm
          key={editing === 'new' ? 'new' : editing.id}
          bot={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            setCreated(saved);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <Button variant="primary" onClick={() => setEditing('new')}>
          {t('bots.add')}
        </Button>
      )}
    </section>
  );
}

function BotForm({
  bot,
  onDone,
  onCancel,
}: {
  bot: BotView | null;
  onDone(saved: BotCreatedView): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const accounts = useChannelAccounts();
  const teams = useAdminTeams();
  const save = useSaveBot();
  const [name, setName] = useState(bot?.name ?? '');
  const [kind, setKind] = useState<BotView['kind']>(bot?.kind ?? 'flow');
  const [channelAccountId, setChannelAccountId] = useState(bot?.channelAccountId ?? '');
  const [handoffTeamId, setHandoffTeamId] = useState(bot?.handoffTeamId ?? '');
  const [active, setActive] = useState(bot?.active ?? true);
  const [webhookUrl, setWebhookUrl] = useState(bot?.webhookUrl ?? '');
  const [maxTurns, setMaxTurns] = useState(String(bot?.ai?.maxTurns ?? DEFAULT_MAX_TURNS));
  const [instructions, setInstructions] = useState(bot?.ai?.instructions ?? '');
  const [start, setStart] = useState(bot?.flow?.start ?? 'welcome');
  const [steps, setSteps] = useState<StepForm[]>(
    bot?.flow ? bot.flow.steps.map(formFromStep) : [emptyStep('welcome'), emptyStep('handoff', 'handoff')],
  );
  const [error, setError] = useState<string | null>(null);

  const change = (index: number, patch: Partial<StepForm>) =>
    setSteps((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const body: BotBody = {
      name,
      kind,
      channelAccountId,
      active,
      handoffTeamId: handoffTeamId || null,
      ...(kind === 'flow'
        ? { flow: flowFromForm(start, steps) }
        : kind === 'ai'
          ? { ai: { maxTurns: Number(maxTurns), instructions: instructions.trim() } }
          : { webhookUrl }),
    };
    try {
      onDone(await save.mutateAsync({ id: bot?.id ?? null, body }));
    } catch (cause) {
      // The API names the step and field that is wrong (a loop, a missing step).
      setError(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  const teamOptions = [
    { value: '', label: t('bots.noTeam') },
    ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
  ];
  return (
    <form className="bot-form" onSubmit={submit} noValidate aria-label={t('bots.formLabel')}>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Input label={t('bots.name')} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      <Select
        label={t('bots.kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as BotView['kind'])}
        options={(Object.keys(KIND_LABELS) as BotKind[]).map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))}
      />
      {kind === 'ai' && <p className="muted">{t('bots.aiIntro')}</p>}
      <Select
        label={t('bots.channelAccount')}
        value={channelAccountId}
        onChange={(e) => setChannelAccountId(e.target.value)}
        options={[
          { value: '', label: t('bots.pickAccount'), disabled: true },
          ...(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
      <Select
        label={t('bots.handoffTeam')}
        value={handoffTeamId}
        onChange={(e) => setHandoffTeamId(e.target.value)}
        options={teamOptions}
      />
      <Checkbox label={t('bots.active')} checked={active} onChange={(e) => setActive(e.target.checked)} />
      {kind === 'external' ? (
        <Input
          label={t('bots.webhookUrl')}
          type="url"
          value={webhookUrl}
          onChange={(e) => setWebhookUrl(e.target.value)}
        />
      ) : kind === 'ai' ? (
        <fieldset className="bot-ai">
          <legend>{t('bots.aiSettings')}</legend>
          <Input
            label={t('bots.maxTurns')}
            hint={t('bots.maxTurnsHint')}
            type="number"
            min={1}
            max={20}
            value={maxTurns}
            onChange={(e) => setMaxTurns(e.target.value)}
          />
          <TextArea
            label={t('bots.instructions')}
            hint={t('bots.instructionsHint')}
            maxLength={2000}
            value={instructions}
            onChange={(e) => setInstructions(e.target.value)}
          />
        </fieldset>
      ) : (
        <fieldset className="bot-flow">
          <legend>{t('bots.flow')}</legend>
          <Input label={t('bots.start')} value={start} onChange={(e) => setStart(e.target.value)} />
          <ol className="bot-steps">
            {steps.map((step, index) => (
              <li key={index}>
                <StepFields
                  step={step}
                  number={index + 1}
                  teams={teamOptions}
                  onChange={(patch) => change(index, patch)}
                  onRemove={() => setSteps((all) => all.filter((_, i) => i !== index))}
                />
              </li>
            ))}
          </ol>
          <Button
            onClick={() => setSteps((all) => [...all, emptyStep(['step', String(all.length + 1)].join('_'))])}
          >
            {t('bots.addStep')}
          </Button>
        </fieldset>
      )}
      <div className="bot-form-actions">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {t('bots.save')}
        </Button>
        <Button onClick={onCancel}>{t('bots.cancel')}</Button>
      </div>
    </form>
  );
}

function StepFields({
  step,
  number,
  teams,
  onChange,
  onRemove,
}: {
  step: StepForm;
  number: number;
  teams: Array<{ value: string; label: string }>;
  onChange(patch: Partial<StepForm>): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const field = (key: keyof StepForm, label: string, hint?: string) => (
    <Input
      label={label}
      hint={hint}
      value={step[key]}
      onChange={(e) => onChange({ [key]: e.target.value })}
    />
  );
  const next = field('next', t('bots.next'), t('bots.nextHint'));
  return (
    <fieldset className="bot-step">
      <legend>{t('bots.stepNumber', { number })}</legend>
      {field('id', t('bots.stepId'))}
      <Select
        label={t('bots.stepType')}
        value={step.type}
        onChange={(e) => onChange({ type: e.target.value as BotFlowStepType })}
        options={BOT_FLOW_STEP_TYPES.map((type) => ({
          value: type,
          label: t(['bots.types', type].join('.')),
        }))}
      />
      {step.type === 'send_text' && (
        <>
          <TextArea
            label={t('bots.text')}
            value={step.text}
            onChange={(e) => onChange({ text: e.target.value })}
          />
          {next}
        </>
      )}
      {step.type === 'buttons' && (
        <>
          <TextArea
            label={t('bots.text')}
            value={step.text}
            onChange={(e) => onChange({ text: e.target.value })}
          />
          <TextArea
            label={t('bots.options')}
            hint={t('bots.optionsHint')}
            value={step.options}
            onChange={(e) => onChange({ options: e.target.value })}
          />
          {field('saveAs', t('bots.saveAs'))}
          {next}
        </>
      )}
      {step.type === 'ask' && (
        <>
          <TextArea
            label={t('bots.text')}
            value={step.text}
            onChange={(e) => onChange({ text: e.target.value })}
          />
          {field('saveAs', t('bots.saveAs'))}
          <Select
            label={t('bots.storeOn')}
            value={step.storeOn}
            onChange={(e) => onChange({ storeOn: e.target.value as StepForm['storeOn'] })}
            options={[
              { value: '', label: t('bots.storeNowhere') },
              { value: 'ticket', label: t('bots.storeTicket') },
              { value: 'contact', label: t('bots.storeContact') },
            ]}
          />
          {step.storeOn && field('storeField', t('bots.storeField'))}
          {field('pattern', t('bots.pattern'), t('bots.patternHint'))}
          {field('retryText', t('bots.retryText'))}
          {next}
        </>
      )}
      {step.type === 'search_kb' && (
        <>
          {field('text', t('bots.articlesIntro'))}
          {field('noResultsText', t('bots.noResultsText'))}
          {next}
        </>
      )}
      {step.type === 'branch' && (
        <>
          {field('on', t('bots.branchOn'))}
          <TextArea
            label={t('bots.cases')}
            hint={t('bots.casesHint')}
            value={step.cases}
            onChange={(e) => onChange({ cases: e.target.value })}
          />
          {field('otherwise', t('bots.otherwise'))}
        </>
      )}
      {step.type === 'handoff' && (
        <>
          <Select
            label={t('bots.team')}
            value={step.teamId}
            onChange={(e) => onChange({ teamId: e.target.value })}
            options={teams}
          />
          {field('text', t('bots.handoffText'))}
        </>
      )}
      <Button onClick={onRemove}>{t('bots.removeStep')}</Button>
    </fieldset>
  );
}
