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
import { DeleteButton } from './DeleteButton';

/** Channel conditions compare with a ticket's channel kind, so the choices are the kinds themselves. */
const CHANNELS: Array<{ kind: string; label: string }> = [
  { kind: 'email', label: 'Email' },
  { kind: 'twilio_sms', label: 'SMS' },
  { kind: 'twilio_whatsapp', label: 'WhatsApp' },
  { kind: 'web_chat', label: 'Web chat' },
  { kind: 'messenger', label: 'Messenger' },
  { kind: 'instagram', label: 'Instagram' },
  { kind: 'telegram', label: 'Telegram' },
  { kind: 'api', label: 'API' },
];
const channelLabel = (kind: string) => CHANNELS.find((c) => c.kind === kind)?.label ?? kind;
const ACTIONS: Array<{ value: EscalationStep['action']; label: string }> = [
  { value: 'notify_assignee', label: 'Notify the assignee' },
  { value: 'notify_supervisors', label: 'Notify supervisors' },
  { value: 'raise_priority', label: 'Raise priority' },
  { value: 'reassign_team', label: 'Reassign to team' },
];
const METRIC_LABELS = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
} as const;

type Team = { id: string; name: string };

/** "1 h 30 min" from seconds; "—" when there is no target. */
export function formatTarget(seconds: number | null | undefined): string {
  if (!seconds) return '—';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean).join(' ') || `${seconds} s`;
}

/** Minutes typed in a field → seconds for the API; blank means no target. */
const minutesToSeconds = (text: string): number | null =>
  text.trim() === '' ? null : Math.max(1, Math.round(Number(text) * 60));

export function describeConditions(c: PolicyView['conditions'], teamName: (id: string) => string): string {
  const parts = [
    c.priorities?.length && `priority ${c.priorities.join('/')}`,
    c.channels?.length && `channel ${c.channels.map(channelLabel).join('/')}`,
    c.teamIds?.length && `team ${c.teamIds.map(teamName).join('/')}`,
    c.tags?.length && `tag ${c.tags.join('/')}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'every ticket';
}

export function describeStep(s: EscalationStep, teamName: (id: string) => string): string {
  const when = s.on === 'at_risk' ? 'at risk' : 'on breach';
  const after = s.afterMinutes ? ` + ${s.afterMinutes} min` : '';
  const action = ACTIONS.find((a) => a.value === s.action)?.label ?? s.action;
  const team = s.action === 'reassign_team' && s.teamId ? ` ${teamName(s.teamId)}` : '';
  const metrics = s.metrics?.length ? ` (${s.metrics.map((m) => METRIC_LABELS[m]).join(', ')})` : '';
  return `${when}${after}: ${action}${team}${metrics}`;
}

/** SLA policies in the order they are tried, each with an active toggle, Edit and Delete, and a form for a new one. */
export function PoliciesSection({ teams }: { teams: Team[] }) {
  const policies = usePolicies();
  const calendars = useCalendars();
  const patch = usePatchPolicy();
  const remove = useDeletePolicy();
  const [editing, setEditing] = useState<PolicyView | null>(null);
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? 'unknown team';
  const calendarName = (id: string | null) =>
    id ? (calendars.data?.find((c) => c.id === id)?.name ?? 'calendar') : 'Around the clock';

  return (
    <section aria-labelledby="policies-title" className="sla-admin-section">
      <h2 id="policies-title">SLA policies</h2>
      <p className="meta">
        The first active policy (lowest order) whose conditions match a ticket applies to it.
      </p>
      {policies.error && (
        <p className="form-error" role="alert">
          {policies.error.message}
        </p>
      )}
      {patch.error && (
        <p className="form-error" role="alert">
          {patch.error.message}
        </p>
      )}
      {policies.data && policies.data.length === 0 && (
        <p className="empty-state">No policies yet: tickets have no SLA clocks.</p>
      )}
      {policies.data && policies.data.length > 0 && (
        <div className="sla-admin-table-wrap" role="region" aria-label="Policies table" tabIndex={0}>
          <table className="counts" aria-label="Policies">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Name</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
                <th scope="col">Applies to</th>
                <th scope="col">First response</th>
                <th scope="col">Next response</th>
                <th scope="col">Resolution</th>
                <th scope="col">Calendar</th>
                <th scope="col">At risk at</th>
                <th scope="col">On hold</th>
                <th scope="col">Escalations</th>
                <th scope="col">Active</th>
              </tr>
            </thead>
            <tbody>
              {policies.data.map((p) => (
                <tr key={p.id} data-testid="policy-row" className={p.active ? undefined : 'inactive'}>
                  <td>{p.order}</td>
                  <th scope="row">{p.name}</th>
                  <td className="sla-admin-actions">
                    <button type="button" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                      Edit
                    </button>{' '}
                    <DeleteButton
                      what={`policy "${p.name}"`}
                      pending={remove.isPending}
                      error={remove.variables === p.id && remove.error ? remove.error.message : null}
                      onConfirm={() =>
                        remove.mutate(p.id, { onSuccess: () => editing?.id === p.id && setEditing(null) })
                      }
                    />
                  </td>
                  <td>{describeConditions(p.conditions, teamName)}</td>
                  <td>{formatTarget(p.targets.firstResponseSeconds)}</td>
                  <td>{formatTarget(p.targets.nextResponseSeconds)}</td>
                  <td>{formatTarget(p.targets.resolutionSeconds)}</td>
                  <td>{calendarName(p.calendarId)}</td>
                  <td>{p.atRiskShare === null ? 'no warning' : `${Math.round(p.atRiskShare * 100)} %`}</td>
                  <td>{p.pauseOnHold ? 'pauses' : 'runs'}</td>
                  <td>
                    {p.escalations.length === 0 ? (
                      'none'
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
                      aria-label={`${p.name} active`}
                      checked={p.active}
                      disabled={patch.isPending}
                      onChange={(e) => patch.mutate({ id: p.id, body: { active: e.target.checked } })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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

function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}
const words = (text: string) => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((t) => t.trim())
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
        setNotice(`Policy "${created.name}" created.`);
        setName('');
        setOrder('');
        setSteps([]);
      },
    });
  };

  const title = initial ? `Edit policy "${initial.name}"` : 'New policy';
  return (
    <form className="sla-admin-form" aria-label={title} onSubmit={submit}>
      <h3>{title}</h3>
      <div className="sla-admin-row">
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <label>
          Order{' '}
          <input
            type="number"
            min={0}
            value={order}
            placeholder={String(nextOrder)}
            onChange={(e) => setOrder(e.target.value)}
          />
        </label>
        <label>
          Calendar{' '}
          <select value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
            <option value="">Around the clock</option>
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.timeZone})
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>Conditions (all that are set must match; none means every ticket)</legend>
        <div className="sla-admin-choices" role="group" aria-label="Priority">
          <span aria-hidden="true">Priority</span>
          <div className="sla-admin-choice-list">
            {PRIORITIES.map((p) => (
              <label key={p} className="sla-admin-check">
                <input
                  type="checkbox"
                  checked={priorities.includes(p)}
                  onChange={(e) => setPriorities(toggle(priorities, p, e.target.checked))}
                />{' '}
                {p}
              </label>
            ))}
          </div>
        </div>
        <div className="sla-admin-choices" role="group" aria-label="Channel">
          <span aria-hidden="true">Channel</span>
          <div className="sla-admin-choice-list">
            {CHANNELS.map((c) => (
              <label key={c.kind} className="sla-admin-check">
                <input
                  type="checkbox"
                  checked={channels.includes(c.kind)}
                  onChange={(e) => setChannels(toggle(channels, c.kind, e.target.checked))}
                />{' '}
                {c.label}
              </label>
            ))}
          </div>
        </div>
        {teams.length > 0 && (
          <div className="sla-admin-choices" role="group" aria-label="Team">
            <span aria-hidden="true">Team</span>
            <div className="sla-admin-choice-list">
              {teams.map((t) => (
                <label key={t.id} className="sla-admin-check">
                  <input
                    type="checkbox"
                    checked={teamIds.includes(t.id)}
                    onChange={(e) => setTeamIds(toggle(teamIds, t.id, e.target.checked))}
                  />{' '}
                  {t.name}
                </label>
              ))}
            </div>
          </div>
        )}
        <label>
          Contact tags (comma separated){' '}
          <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="vip, enterprise" />
        </label>
      </fieldset>
      <fieldset>
        <legend>Targets in business minutes (blank: no clock)</legend>
        <div className="sla-admin-row">
          <label>
            First response{' '}
            <input
              type="number"
              min={1}
              step="any"
              value={firstResponse}
              onChange={(e) => setFirstResponse(e.target.value)}
            />
          </label>
          <label>
            Next response{' '}
            <input
              type="number"
              min={1}
              step="any"
              value={nextResponse}
              onChange={(e) => setNextResponse(e.target.value)}
            />
          </label>
          <label>
            Resolution{' '}
            <input
              type="number"
              min={1}
              step="any"
              value={resolution}
              onChange={(e) => setResolution(e.target.value)}
            />
          </label>
        </div>
        <label>
          At risk after (% of the target; blank: no warning){' '}
          <input type="number" min={1} max={99} value={atRisk} onChange={(e) => setAtRisk(e.target.value)} />
        </label>
        <label className="sla-admin-check">
          <input type="checkbox" checked={pauseOnHold} onChange={(e) => setPauseOnHold(e.target.checked)} />{' '}
          Pause the clocks while on hold (pending always pauses)
        </label>
        <label className="sla-admin-check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
        </label>
      </fieldset>
      <fieldset className="sla-admin-wide">
        <legend>Escalation steps</legend>
        {steps.length === 0 && <p className="meta">No steps: breaches show on the dashboard only.</p>}
        <ol className="sla-admin-steps">
          {steps.map((s, i) => (
            <li key={i} data-testid="escalation-step">
              <select
                aria-label={`Step ${i + 1} when`}
                value={s.on}
                onChange={(e) => updateStep(i, { on: e.target.value as EscalationStep['on'] })}
              >
                <option value="at_risk">When at risk</option>
                <option value="breach">On breach</option>
              </select>
              <label>
                + minutes{' '}
                <input
                  type="number"
                  min={0}
                  aria-label={`Step ${i + 1} minutes after`}
                  value={s.afterMinutes}
                  onChange={(e) => updateStep(i, { afterMinutes: Math.max(0, Number(e.target.value) || 0) })}
                  size={4}
                />
              </label>
              <select
                aria-label={`Step ${i + 1} action`}
                value={s.action}
                onChange={(e) => updateStep(i, { action: e.target.value as EscalationStep['action'] })}
              >
                {ACTIONS.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </select>
              {s.action === 'reassign_team' && (
                <select
                  aria-label={`Step ${i + 1} team`}
                  value={s.teamId ?? ''}
                  onChange={(e) => updateStep(i, { teamId: e.target.value || undefined })}
                  required
                >
                  <option value="">Choose a team…</option>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove step ${i + 1}`}
                onClick={() => setSteps(steps.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="link-button"
          onClick={() =>
            setSteps([...steps, { on: 'breach', afterMinutes: 0, action: 'notify_supervisors' }])
          }
        >
          + escalation step
        </button>
      </fieldset>
      {save.error && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {initial ? 'Save policy' : 'Create policy'}
        </button>
        {initial && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
