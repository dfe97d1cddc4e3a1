import { useState, type FormEvent } from 'react';
import type { AssistPurpose, AssistSettingsBody, AssistSettingsView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { Checkbox } from '../../../components/Choice';
import { Input } from '../../../components/Input';
import { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import { dateTime } from '../../../lib/format';
import { useTeams } from '../../tickets/hooks/useDirectory';
import { useAssistCalls, useAssistSettings, useSaveAssistSettings } from '../hooks/useAssist';
import '../assist.css';

/** `#/admin/assist`: the AI provider, what may be sent to it, and every call that went out. */

/** The call log's words for what a call was for. */
const PURPOSE_LABELS: Record<AssistPurpose, string> = {
  summary: 'assist.purposeSummary',
  reply: 'assist.purposeReply',
  bot_reply: 'assist.purposeBotReply',
};
export default function AssistAdmin() {
  const { t } = useTranslation();
  const settings = useAssistSettings();
  return (
    <section className="admin-section assist-admin" aria-labelledby="assist-heading">
      <h2 id="assist-heading">{t('assist.heading')}</h2>
      <p className="muted">{t('assist.intro')}</p>
      {settings.isError && (
        <p className="form-error" role="alert">
          {settings.error.message}
        </p>
      )}
      {settings.data ? (
        <AssistSettingsForm settings={settings.data} />
      ) : (
        !settings.isError && <p className="empty-state">{t('common.loading')}</p>
      )}
      <AssistCallLog />
    </section>
  );
}

function AssistSettingsForm({ settings }: { settings: AssistSettingsView }) {
  const { t } = useTranslation();
  const save = useSaveAssistSettings();
  const teams = useTeams();
  const toast = useToast();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl ?? '');
  const [model, setModel] = useState(settings.model ?? '');
  // Write-only: empty keeps the stored key; the stored one is never shown.
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [mask, setMask] = useState(settings.maskPersonalData);
  const [disabledTeamIds, setDisabledTeamIds] = useState(settings.disabledTeamIds);
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(settings.timeoutSeconds));
  const [ackArticles, setAckArticles] = useState(settings.acknowledgementArticles);

  async function submit(e: FormEvent) {
    e.preventDefault();
    toast.clear();
    const body: AssistSettingsBody = {
      enabled,
      baseUrl: baseUrl.trim() || null,
      model: model.trim() || null,
      ...(removeKey ? { apiKey: null } : apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
      maskPersonalData: mask,
      disabledTeamIds,
      timeoutSeconds: Math.min(300, Math.max(1, Math.round(Number(timeoutSeconds)) || 30)),
      acknowledgementArticles: ackArticles,
      ...(settings.linkBaseUrl ? { linkBaseUrl: settings.linkBaseUrl } : {}),
    };
    try {
      await save.mutateAsync(body);
      setApiKey('');
      setRemoveKey(false);
      toast.success(t('assist.saved'));
    } catch (cause) {
      toast.error(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  const toggleTeam = (id: string, off: boolean) =>
    setDisabledTeamIds((ids) => (off ? [...ids, id] : ids.filter((x) => x !== id)));

  return (
    <form onSubmit={submit} noValidate>
      {toast.region}
      <fieldset>
        <legend>{t('assist.provider')}</legend>
        <Checkbox
          label={t('assist.enabled')}
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <Input
          label={t('assist.baseUrl')}
          hint={t('assist.baseUrlHint')}
          type="url"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        <Input label={t('assist.model')} value={model} onChange={(e) => setModel(e.target.value)} />
        <Input
          label={t('assist.apiKey')}
          hint={settings.apiKeySet ? t('assist.apiKeyStored') : t('assist.apiKeyNone')}
          type="password"
          autoComplete="off"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
        {settings.apiKeySet && (
          <Checkbox
            label={t('assist.removeKey')}
            checked={removeKey}
            onChange={(e) => setRemoveKey(e.target.checked)}
          />
        )}
        <Input
          label={t('assist.timeoutSeconds')}
          type="number"
          min={1}
          max={300}
          value={timeoutSeconds}
          onChange={(e) => setTimeoutSeconds(e.target.value)}
        />
      </fieldset>
      <fieldset>
        <legend>{t('assist.privacy')}</legend>
        <Checkbox
          label={t('assist.maskPersonalData')}
          hint={t('assist.maskPersonalDataHint')}
          checked={mask}
          onChange={(e) => setMask(e.target.checked)}
        />
        {(teams.data ?? []).map((team) => (
          <Checkbox
            key={team.id}
            label={t('assist.offForTeam', { team: team.name })}
            checked={disabledTeamIds.includes(team.id)}
            onChange={(e) => toggleTeam(team.id, e.target.checked)}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('assist.selfService')}</legend>
        <Checkbox
          label={t('assist.acknowledgementArticles')}
          hint={t('assist.acknowledgementArticlesHint')}
          checked={ackArticles}
          onChange={(e) => setAckArticles(e.target.checked)}
        />
      </fieldset>
      <Button type="submit" variant="primary" disabled={save.isPending}>
        {save.isPending ? t('assist.saving') : t('assist.save')}
      </Button>
    </form>
  );
}

function AssistCallLog() {
  const { t } = useTranslation();
  const calls = useAssistCalls();
  const items = calls.data?.items ?? [];
  const tokens = (n: number | null) => (n === null ? t('assist.noTokens') : String(n));
  return (
    <section aria-labelledby="assist-calls-heading">
      <h3 id="assist-calls-heading">{t('assist.callLog')}</h3>
      {calls.data && (
        <p className="muted">
          {t('assist.totals', {
            calls: calls.data.totals.calls,
            prompt: calls.data.totals.promptTokens,
            completion: calls.data.totals.completionTokens,
          })}
        </p>
      )}
      {calls.isError && (
        <p className="form-error" role="alert">
          {calls.error.message}
        </p>
      )}
      <div className="assist-table-wrap" role="region" aria-label={t('assist.callLog')} tabIndex={0}>
        <table className="admin-table" aria-label={t('assist.callLog')}>
          <thead>
            <tr>
              <th>{t('assist.when')}</th>
              <th>{t('assist.who')}</th>
              <th>{t('assist.ticket')}</th>
              <th>{t('assist.purpose')}</th>
              <th>{t('assist.outcome')}</th>
              <th>{t('assist.promptTokens')}</th>
              <th>{t('assist.completionTokens')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>{dateTime(c.createdAt)}</td>
                <td>
                  {c.user?.name ??
                    (c.bot ? t('assist.botCaller', { name: c.bot.name }) : t('assist.unknown'))}
                </td>
                <td>
                  {c.ticket ? t('assist.ticketNumber', { number: c.ticket.number }) : t('assist.unknown')}
                </td>
                <td>{t(PURPOSE_LABELS[c.purpose])}</td>
                <td>
                  {c.outcome === 'ok'
                    ? t('assist.outcomeOk')
                    : t('assist.outcomeFailed', { error: c.error ?? '' })}
                </td>
                <td>{tokens(c.promptTokens)}</td>
                <td>{tokens(c.completionTokens)}</td>
              </tr>
            ))}
            {calls.isSuccess && !items.length && (
              <tr>
                <td colSpan={7} className="muted">
                  {t('assist.noCalls')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
