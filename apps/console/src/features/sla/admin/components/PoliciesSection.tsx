import { useState, type FormEvent } from 'react';
import { PRIORITIES, type EscalationStep, type Priority } from '@switchboard/contracts';
import type { CalendarView, PolicyView } from '../api/sla-admin-api';
import {
  useCalendars,
  useCreatePolicy,
  useDeletePolicy,
  usePatchPolicy,
  usePolicies,
} from '../hooks/useSlaAdmin';
import {
  ChoiceGroup,
  EditDeleteCell,
  ErrorAlert,
  MinutesInput,
  SlaAdminTable,
  SlaFormFooter,
} from './SlaAdminParts';
import { i18n, useTranslation } from '../../../../i18n';
import { Input } from '../../../../components/Input';
import { Select } from '../../../../components/Select';
import { channelName } from '../../../../lib/channel-names';
import { Button } from '../../../../components/Button';
import { useFieldDefinitions } from '../../../custom-fields/hooks/useCustomFields';
import { Checkbox } from '../../../../components/Choice';

/** Channel conditions compare with a ticket's channel kind, so the choices are the kinds themselves. */
const CHANNELS = [
  'email',
  'twilio_sms',
  'twilio_whatsapp',
  'web_chat',
  'messenger',
  'instagram',
  'telegram',
  'api',
];
// Labels are the catalog's slaAdmin.actions.<action> and slaAdmin.metrics.<metric>.
const ACTIONS: Array<EscalationStep['action']> = [
  'notify_assignee',
  'notify_supervisors',
  'raise_priority',
  'reassign_team',
];
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

type Team = { id: string; name: string };

/** "1 h 30 min" from seconds; "—" when there is no target. */
export function formatTarget(seconds: number | null | undefined): string {
  if (!seconds) return '—';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return (
    [
      d && t('slaAdmin.units.days', { count: d }),
      h && t('slaAdmin.units.hours', { count: h }),
      m && t('slaAdmin.units.minutes', { count: m }),
    ]
      .filter(Boolean)
      .join(' ') || t('slaAdmin.units.seconds', { count: seconds })
  );
}

/** Minutes typed in a field → seconds for the API; blank means no target. */
const minutesToSeconds = (text: string): number | null =>
  text.trim() === '' ? null : Math.max(1, Math.round(Number(text) * 60));

export function describeConditions(c: PolicyView['conditions'], teamName: (id: string) => string): string {
  const parts = [
    c.priorities?.length &&
      t('slaAdmin.conditions.priority', { list: c.priorities.map((p) => t(`priority.${p}`)).join('/') }),
    c.channels?.length && t('slaAdmin.conditions.channel', { list: c.channels.map(channelName).join('/') }),
    c.teamIds?.length && t('slaAdmin.conditions.team', { list: c.teamIds.map(teamName).join('/') }),
    c.tags?.length && t('slaAdmin.conditions.tag', { list: c.tags.join('/') }),
    ...Object.entries(c.customFields ?? {}).map(([field, values]) =>
      t('slaAdmin.conditions.customField', { field, list: values.join('/') }),
    ),
  ].filter(Boolean);
  return parts.length ? parts.join(` ${t('slaAdmin.conditions.and')} `) : t('slaAdmin.conditions.every');
}

export function describeStep(s: EscalationStep, teamName: (id: string) => string): string {
  const when = s.on === 'at_risk' ? t('slaAdmin.steps.atRisk') : t('slaAdmin.steps.onBreach');
  const after = s.afterMinutes ? ` + ${t('slaAdmin.units.minutes', { count: s.afterMinutes })}` : '';
  const action = t(`slaAdmin.actions.${s.action}`);
  const team = s.action === 'reassign_team' && s.teamId ? ` ${teamName(s.teamId)}` : '';
  const metrics = s.metrics?.length
    ? ` (${s.metrics.map((m) => t(`slaAdmin.metrics.${m}`)).join(', ')})`
    : '';
  return `${when}${after}: ${action}${team}${metrics}`;
}

/** SLA policies in the order they are tried, each with an active toggle, Edit and Delete, and a form for a new one. */
export function PoliciesSection({ teams }: { teams: Team[] }) {
  const policies = usePolicies();
  const calendars = useCalendars();
  const patch = usePatchPolicy();
  const remove = useDeletePolicy();
  const [editing, setEditing] = useState<PolicyView | null>(null);
  const { t } = useTranslation();
  const teamName = (id: string) => teams.find((team) => team.id === id)?.name ?? t('slaAdmin.unknownTeam');
  const calendarName = (id: string | null) =>
    id
      ? (calendars.data?.find((c) => c.id === id)?.name ?? t('slaAdmin.calendar'))
      : t('slaAdmin.aroundTheClock');

  return (
    <section aria-labelledby="policies-title" className="sla-admin-section">
      <h2 id="policies-title">{t('slaAdmin.policies.heading')}</h2>
      <p className="meta">{t('slaAdmin.policies.intro')}</p>
      <ErrorAlert error={policies.error} />
      <ErrorAlert error={patch.error} />
      {policies.data && policies.data.length === 0 && (
        <p className="empty-state">{t('slaAdmin.policies.none')}</p>
      )}
      {policies.data && policies.data.length > 0 && (
        <SlaAdminTable regionLabel={t('slaAdmin.policies.table')} tableLabel={t('slaAdmin.policies.list')}>
          <thead>
            <tr>
              <th scope="col">{t('slaAdmin.order')}</th>
              <th scope="col">{t('slaAdmin.name')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('adminScreens.people.actions')}</span>
              </th>
              <th scope="col">{t('slaAdmin.policies.appliesTo')}</th>
              <th scope="col">{t('slaAdmin.firstResponse')}</th>
              <th scope="col">{t('slaAdmin.nextResponse')}</th>
              <th scope="col">{t('slaAdmin.resolution')}</th>
              <th scope="col">{t('slaAdmin.calendarColumn')}</th>
              <th scope="col">{t('slaAdmin.policies.atRiskAt')}</th>
              <th scope="col">{t('slaAdmin.policies.onHold')}</th>
              <th scope="col">{t('slaAdmin.policies.escalations')}</th>
              <th scope="col">{t('slaAdmin.active')}</th>
            </tr>
          </thead>
          <tbody>
            {policies.data.map((p) => (
              <tr key={p.id} data-testid="policy-row" className={p.active ? undefined : 'inactive'}>
                <td>{p.order}</td>
                <th scope="row">{p.name}</th>
                <EditDeleteCell
                  name={p.name}
                  what={t('slaAdmin.policies.what', { name: p.name })}
                  deletePending={remove.isPending}
                  deleteError={remove.variables === p.id && remove.error ? remove.error.message : null}
                  onEdit={() => setEditing(p)}
                  onDelete={() =>
                    remove.mutate(p.id, { onSuccess: () => editing?.id === p.id && setEditing(null) })
                  }
                />
                <td>{describeConditions(p.conditions, teamName)}</td>
                <td>{formatTarget(p.targets.firstResponseSeconds)}</td>
                <td>{formatTarget(p.targets.nextResponseSeconds)}</td>
                <td>{formatTarget(p.targets.resolutionSeconds)}</td>
                <td>{calendarName(p.calendarId)}</td>
                <td>
                  {p.atRiskShare === null
                    ? t('slaAdmin.policies.noWarning')
                    : `${Math.round(p.atRiskShare * 100)} %`}
                </td>
                <td>{p.pauseOnHold ? t('slaAdmin.policies.pauses') : t('slaAdmin.policies.runs')}</td>
                <td>
                  {p.escalations.length === 0 ? (
                    t('adminScreens.people.none')
                  ) : (
                    <ol className="sla-admin-steps">
                      {p.escalations.map((s, i) => (
                        <li key={i}>{describeStep(s, teamName)}</li>
                      ))}
                    </ol>
                  )}
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('slaAdmin.policies.activeNamed', { name: p.name })}
                    checked={p.active}
                    disabled={patch.isPending}
                    onChange={(e) => patch.mutate({ id: p.id, body: { active: e.target.checked } })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </SlaAdminTable>
      )}
      <PolicyForm
        key={editing?.id ?? 'new'}
        initial={editing}
        onDone={() => setEditing(null)}
        teams={teams}
        calendars={calendars.data ?? []}
        nextOrder={Math.max(0, ...(policies.data ?? []).map((p) => p.order)) + 10}
      />
    </section>
  );
}

const words = (text: string) => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((word) => word.trim())
      .filter(Boolean),
  ),
];

/** Seconds from the API → minutes in a field; blank for no target. */
const secondsToMinutes = (seconds: number | null | undefined): string =>
  seconds ? String(Math.round((seconds / 60) * 100) / 100) : '';

/** A new policy, or (with `initial`) the edit of one, saved as a whole. */
function PolicyForm({
  initial,
  onDone,
  teams,
  calendars,
  nextOrder,
}: {
  initial: PolicyView | null;
  onDone(): void;
  teams: Team[];
  calendars: CalendarView[];
  nextOrder: number;
}) {
  const create = useCreatePolicy();
  const patch = usePatchPolicy();
  const save = initial ? patch : create;
  const [name, setName] = useState(initial?.name ?? '');
  const [order, setOrder] = useState<string>(initial ? String(initial.order) : '');
  const [priorities, setPriorities] = useState<Priority[]>(
    (initial?.conditions.priorities ?? []) as Priority[],
  );
  const [channels, setChannels] = useState<string[]>(initial?.conditions.channels ?? []);
  const [teamIds, setTeamIds] = useState<string[]>(initial?.conditions.teamIds ?? []);
  const [tags, setTags] = useState((initial?.conditions.tags ?? []).join(', '));
  // One field condition is edited here; any others (set through the API) are kept as they are.
  const [[initialField, initialValues] = ['', []], ...otherFields] = Object.entries(
    initial?.conditions.customFields ?? {},
  );
  const [fieldKey, setFieldKey] = useState(initialField);
  const [fieldValues, setFieldValues] = useState(initialValues.join(', '));
  const ticketFields = useFieldDefinitions('ticket').data ?? [];
  const [calendarId, setCalendarId] = useState(initial?.calendarId ?? '');
  const [firstResponse, setFirstResponse] = useState(
    initial ? secondsToMinutes(initial.targets.firstResponseSeconds) : '60',
  );
  const [nextResponse, setNextResponse] = useState(secondsToMinutes(initial?.targets.nextResponseSeconds));
  const [resolution, setResolution] = useState(secondsToMinutes(initial?.targets.resolutionSeconds));
  const [atRisk, setAtRisk] = useState(
    initial ? (initial.atRiskShare === null ? '' : String(Math.round(initial.atRiskShare * 100))) : '80',
  );
  const [pauseOnHold, setPauseOnHold] = useState(initial?.pauseOnHold ?? false);
  const [active, setActive] = useState(initial?.active ?? true);
  const [steps, setSteps] = useState<EscalationStep[]>(initial?.escalations ?? []);
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useTranslation();

  const updateStep = (index: number, change: Partial<EscalationStep>) =>
    setSteps(steps.map((s, i) => (i === index ? { ...s, ...change } : s)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const conditions = {
      ...(priorities.length ? { priorities } : {}),
      ...(channels.length ? { channels } : {}),
      ...(teamIds.length ? { teamIds } : {}),
      ...(words(tags).length ? { tags: words(tags) } : {}),
    };
    const customFields = Object.fromEntries([
      ...otherFields,
      ...(fieldKey && words(fieldValues).length ? [[fieldKey, words(fieldValues)]] : []),
    ]);
    if (Object.keys(customFields).length) Object.assign(conditions, { customFields });
    const body = {
      name: name.trim(),
      order: order.trim() === '' ? nextOrder : Number(order),
      conditions,
      calendarId: calendarId || null,
      targets: {
        firstResponseSeconds: minutesToSeconds(firstResponse),
        nextResponseSeconds: minutesToSeconds(nextResponse),
        resolutionSeconds: minutesToSeconds(resolution),
      },
      atRiskShare: atRisk.trim() === '' ? null : Number(atRisk) / 100,
      pauseOnHold,
      active,
      escalations: steps.map((s) => (s.action === 'reassign_team' ? s : { ...s, teamId: undefined })),
    };
    if (initial) {
      patch.mutate({ id: initial.id, body }, { onSuccess: () => onDone() });
      return;
    }
    create.mutate(body, {
      onSuccess: (created) => {
        setNotice(t('slaAdmin.policies.created', { name: created.name }));
        setName('');
        setOrder('');
        setSteps([]);
      },
    });
  };

  const title = initial
    ? t('slaAdmin.policies.editTitle', { name: initial.name })
    : t('slaAdmin.policies.newTitle');
  return (
    <form className="sla-admin-form" aria-label={title} onSubmit={submit}>
      <h3>{title}</h3>
      <div className="sla-admin-row">
        <Input
          label={t('slaAdmin.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={120}
        />
        <Input
          label={t('slaAdmin.order')}
          type="number"
          min={0}
          value={order}
          placeholder={String(nextOrder)}
          onChange={(e) => setOrder(e.target.value)}
        />
        <Select
          label={t('slaAdmin.calendarColumn')}
          value={calendarId}
          onChange={(e) => setCalendarId(e.target.value)}
          options={[
            { value: '', label: t('slaAdmin.aroundTheClock') },
            ...calendars.map((c) => ({ value: c.id, label: `${c.name} (${c.timeZone})` })),
          ]}
        />
      </div>
      <fieldset>
        <legend>{t('slaAdmin.policies.conditionsLegend')}</legend>
        <ChoiceGroup
          label={t('slaAdmin.priority')}
          choices={PRIORITIES}
          chosen={priorities}
          choiceLabel={(p) => t(`priority.${p}`)}
          onChange={setPriorities}
        />
        <ChoiceGroup
          label={t('supervisor.channel')}
          choices={CHANNELS}
          chosen={channels}
          choiceLabel={channelName}
          onChange={setChannels}
        />
        {teams.length > 0 && (
          <ChoiceGroup
            label={t('supervisor.team')}
            choices={teams.map((team) => team.id)}
            chosen={teamIds}
            choiceLabel={(id) => teams.find((team) => team.id === id)?.name ?? id}
            onChange={setTeamIds}
          />
        )}
        <Input
          label={t('slaAdmin.policies.tags')}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          placeholder={t('slaAdmin.policies.tagsExample')}
        />
        {ticketFields.length > 0 && (
          <div className="sla-admin-row">
            <Select
              label={t('slaAdmin.policies.customField')}
              value={fieldKey}
              onChange={(e) => setFieldKey(e.target.value)}
              options={[
                { value: '', label: t('slaAdmin.policies.noCustomField') },
                ...ticketFields.map((f) => ({ value: f.key, label: f.label })),
              ]}
            />
            {fieldKey && (
              <Input
                label={t('slaAdmin.policies.customFieldValues')}
                value={fieldValues}
                onChange={(e) => setFieldValues(e.target.value)}
              />
            )}
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('slaAdmin.policies.targetsLegend')}</legend>
        <div className="sla-admin-row">
          <MinutesInput
            label={t('slaAdmin.firstResponse')}
            value={firstResponse}
            onChange={setFirstResponse}
          />
          <MinutesInput label={t('slaAdmin.nextResponse')} value={nextResponse} onChange={setNextResponse} />
          <MinutesInput label={t('slaAdmin.resolution')} value={resolution} onChange={setResolution} />
        </div>
        <Input
          label={t('slaAdmin.policies.atRiskAfter')}
          type="number"
          min={1}
          max={99}
          value={atRisk}
          onChange={(e) => setAtRisk(e.target.value)}
        />
        <Checkbox
          label={t('slaAdmin.policies.pauseOnHold')}
          checked={pauseOnHold}
          onChange={(e) => setPauseOnHold(e.target.checked)}
        />
        <Checkbox
          label={t('slaAdmin.active')}
          checked={active}
          onChange={(e) => setActive(e.target.checked)}
        />
      </fieldset>
      <fieldset className="sla-admin-wide">
        <legend>{t('slaAdmin.policies.stepsLegend')}</legend>
        {steps.length === 0 && <p className="meta">{t('slaAdmin.policies.noSteps')}</p>}
        <ol className="sla-admin-steps">
          {steps.map((s, i) => (
            <li key={i} data-testid="escalation-step">
              <Select
                hideLabel
                label={t('slaAdmin.steps.when', { n: i + 1 })}
                value={s.on}
                onChange={(e) => updateStep(i, { on: e.target.value as EscalationStep['on'] })}
                options={[
                  { value: 'at_risk', label: t('slaAdmin.steps.whenAtRisk') },
                  { value: 'breach', label: t('slaAdmin.steps.whenBreached') },
                ]}
              />
              <span aria-hidden="true">{t('slaAdmin.steps.plusMinutes')}</span>
              <Input
                hideLabel
                label={t('slaAdmin.steps.minutesAfter', { n: i + 1 })}
                type="number"
                min={0}
                value={s.afterMinutes}
                onChange={(e) => updateStep(i, { afterMinutes: Math.max(0, Number(e.target.value) || 0) })}
                size={4}
              />
              <Select
                hideLabel
                label={t('slaAdmin.steps.action', { n: i + 1 })}
                value={s.action}
                onChange={(e) => updateStep(i, { action: e.target.value as EscalationStep['action'] })}
                options={ACTIONS.map((action) => ({ value: action, label: t(`slaAdmin.actions.${action}`) }))}
              />
              {s.action === 'reassign_team' && (
                <Select
                  hideLabel
                  label={t('slaAdmin.steps.team', { n: i + 1 })}
                  value={s.teamId ?? ''}
                  onChange={(e) => updateStep(i, { teamId: e.target.value || undefined })}
                  required
                  options={[
                    { value: '', label: t('slaAdmin.steps.chooseTeam') },
                    ...teams.map((team) => ({ value: team.id, label: team.name })),
                  ]}
                />
              )}
              <Button
                className="icon-button"
                aria-label={t('slaAdmin.steps.remove', { n: i + 1 })}
                onClick={() => setSteps(steps.filter((_, j) => j !== i))}
              >
                ×
              </Button>
            </li>
          ))}
        </ol>
        <Button
          className="link-button"
          onClick={() =>
            setSteps([...steps, { on: 'breach', afterMinutes: 0, action: 'notify_supervisors' }])
          }
        >
          {t('slaAdmin.steps.add')}
        </Button>
      </fieldset>
      <SlaFormFooter
        error={save.error}
        notice={notice}
        editing={Boolean(initial)}
        saveLabel={initial ? t('slaAdmin.policies.save') : t('slaAdmin.policies.create')}
        saveDisabled={save.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
