import { useMemo, useState } from 'react';
import type { RuleView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useConfirm } from '../../../components/ConfirmDialog';
import { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import { useChannelAccounts } from '../../admin/hooks/useChannelAccounts';
import { useTeams, useUsers } from '../../tickets/hooks/useDirectory';
import { useRuleMutations, useRules } from '../hooks/useRules';
import type { RuleChoices } from './rule-choices';
import { RuleEditor } from './RuleEditor';
import { RuleRuns } from './RuleRuns';
import '../rules.css';

type Editing = { kind: 'new' } | { kind: 'edit'; rule: RuleView } | null;

/** `#/admin/rules`: the automation rules in the order they run, each with its run log. */
export default function RulesAdmin() {
  const { t } = useTranslation();
  const rules = useRules();
  const { create, update, remove } = useRuleMutations();
  const { confirm, dialog } = useConfirm();
  const toast = useToast();
  const teams = useTeams().data;
  const agents = useUsers().data;
  const accounts = useChannelAccounts().data;
  const [editing, setEditing] = useState<Editing>(null);
  const [runsOf, setRunsOf] = useState<string | null>(null);
  const list = rules.data ?? [];
  const choices = useMemo<RuleChoices>(
    () => ({
      teams: teams ?? [],
      agents: (agents ?? []).map((a) => ({ id: a.id, name: a.name })),
      accounts: (accounts ?? []).map((a) => ({ id: a.id, name: a.name })),
    }),
    [teams, agents, accounts],
  );

  async function attempt(work: () => Promise<unknown>, done?: string) {
    toast.clear();
    try {
      await work();
      if (done) toast.success(done);
    } catch (cause) {
      toast.error(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  /** Moves a rule one place and renumbers the list, saving only the rules whose place changed. */
  function move(index: number, by: -1 | 1) {
    const next = [...list];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule);
    void attempt(
      () =>
        Promise.all(
          next
            .map((r, order) => ({ r, order }))
            .filter(({ r, order }) => r.order !== order)
            .map(({ r, order }) => update.mutateAsync({ id: r.id, body: { order } })),
        ),
      t('rules.moved', { name: rule.name, place: index + by + 1 }),
    );
  }

  async function deleteRule(rule: RuleView) {
    const yes = await confirm({
      title: t('rules.deleteTitle', { name: rule.name }),
      message: <p>{t('rules.deleteMessage')}</p>,
      confirmLabel: t('rules.delete'),
      danger: true,
    });
    if (yes) await attempt(() => remove.mutateAsync(rule.id), t('rules.deleted', { name: rule.name }));
  }

  return (
    <section className="admin-section rules-admin" aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t('rules.heading')}</h2>
      <p className="muted">{t('rules.intro')}</p>
      {rules.isError && (
        <p className="form-error" role="alert">
          {rules.error.message}
        </p>
      )}
      {editing ? (
        <RuleEditor
          key={editing.kind === 'edit' ? editing.rule.id : 'new'}
          rule={editing.kind === 'edit' ? editing.rule : undefined}
          choices={choices}
          busy={create.isPending || update.isPending}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            toast.clear();
            if (editing.kind === 'edit') {
              const { trigger: _trigger, ...body } = draft;
              await update.mutateAsync({ id: editing.rule.id, body });
            } else {
              const order = list.reduce((max, r) => Math.max(max, r.order + 1), 0);
              await create.mutateAsync({ ...draft, order });
            }
            toast.success(t('rules.saved', { name: draft.name }));
            setEditing(null);
          }}
        />
      ) : (
        <Button variant="primary" onClick={() => setEditing({ kind: 'new' })}>
          {t('rules.new')}
        </Button>
      )}
      {rules.isPending ? (
        <p className="empty-state">{t('common.loading')}</p>
      ) : list.length === 0 ? (
        <p className="empty-state">{t('rules.empty')}</p>
      ) : (
        <ol className="rule-list" aria-label={t('rules.listLabel')}>
          {list.map((rule, i) => (
            <li key={rule.id} className="rule-item">
              <div className="rule-summary">
                <strong className="rule-name">{rule.name}</strong>
                <span className="muted">
                  {rule.trigger === 'event'
                    ? (rule.events ?? []).map((e) => t(`rules.eventNames.${e}`)).join(', ')
                    : t('rules.afterHours', {
                        count: rule.time?.hours ?? 0,
                        since: t(`rules.sinceNames.${rule.time?.since ?? 'created'}`),
                      })}
                </span>
              </div>
              <div className="rule-controls">
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={rule.active}
                    aria-label={t('rules.activeOf', { name: rule.name })}
                    onChange={(e) =>
                      void attempt(
                        () => update.mutateAsync({ id: rule.id, body: { active: e.target.checked } }),
                        t(e.target.checked ? 'rules.turnedOn' : 'rules.turnedOff', { name: rule.name }),
                      )
                    }
                  />{' '}
                  {t('rules.active')}
                </label>
                <Button
                  aria-label={t('rules.moveUp', { name: rule.name })}
                  disabled={i === 0 || update.isPending}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </Button>
                <Button
                  aria-label={t('rules.moveDown', { name: rule.name })}
                  disabled={i === list.length - 1 || update.isPending}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </Button>
                <Button
                  aria-label={t('rules.editOf', { name: rule.name })}
                  onClick={() => setEditing({ kind: 'edit', rule })}
                >
                  {t('rules.edit')}
                </Button>
                <Button
                  aria-label={t('rules.runsOf', { name: rule.name })}
                  aria-expanded={runsOf === rule.id}
                  onClick={() => setRunsOf(runsOf === rule.id ? null : rule.id)}
                >
                  {t('rules.runLog')}
                </Button>
                <Button
                  variant="danger"
                  aria-label={t('rules.deleteOf', { name: rule.name })}
                  onClick={() => void deleteRule(rule)}
                >
                  {t('rules.delete')}
                </Button>
              </div>
              {runsOf === rule.id && <RuleRuns ruleId={rule.id} ruleName={rule.name} />}
            </li>
          ))}
        </ol>
      )}
      {dialog}
      {toast.region}
    </section>
  );
}
