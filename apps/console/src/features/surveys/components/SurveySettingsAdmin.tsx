import { useState, type FormEvent } from 'react';
import type { SurveySettingsBody, SurveySettingsView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import { useSaveSurveySettings, useSurveySettings } from '../hooks/useSurveySettings';
import '../surveys.css';
import { Checkbox } from '../../../components/Choice';

/** `#/admin/surveys`: whether and when customers are asked for CSAT, CES and NPS. */
export default function SurveySettingsAdmin() {
  const { t } = useTranslation();
  const settings = useSurveySettings();
  return (
    <section className="admin-section survey-settings" aria-labelledby="surveys-heading">
      <h2 id="surveys-heading">{t('surveys.heading')}</h2>
      <p className="muted">{t('surveys.intro')}</p>
      {settings.isError && (
        <p className="form-error" role="alert">
          {settings.error.message}
        </p>
      )}
      {settings.data ? (
        <SurveySettingsForm settings={settings.data} />
      ) : (
        !settings.isError && <p className="empty-state">{t('common.loading')}</p>
      )}
    </section>
  );
}

function SurveySettingsForm({ settings }: { settings: SurveySettingsView }) {
  const { t } = useTranslation();
  const save = useSaveSurveySettings();
  const toast = useToast();
  const [csat, setCsat] = useState(settings.csat);
  const [ces, setCes] = useState(settings.ces);
  const [nps, setNps] = useState(settings.nps);
  const [language, setLanguage] = useState(settings.language);
  const [delayMinutes, setDelayMinutes] = useState(String(Math.round(settings.csat.delaySeconds / 60)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    toast.clear();
    // Overrides, texts and the link address are kept as they are: this form changes the defaults.
    const body: SurveySettingsBody = {
      csat: { ...csat, delaySeconds: Math.max(0, Math.round(Number(delayMinutes) * 60) || 0) },
      ces,
      nps,
      language,
      texts: settings.texts,
      overrides: settings.overrides,
      ...(settings.linkBaseUrl ? { linkBaseUrl: settings.linkBaseUrl } : {}),
    };
    try {
      await save.mutateAsync(body);
      toast.success(t('surveys.saved'));
    } catch (cause) {
      toast.error(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  const checkbox = (checked: boolean, onChange: (v: boolean) => void) => (
    <Checkbox label={t('surveys.enabled')} checked={checked} onChange={(e) => onChange(e.target.checked)} />
  );
  const optional = (s: string) => (s.trim() ? s.trim() : undefined);

  return (
    <form onSubmit={submit} noValidate>
      {toast.region}
      <fieldset>
        <legend>{t('surveys.csat')}</legend>
        {checkbox(csat.enabled, (enabled) => setCsat({ ...csat, enabled }))}
        <div className="survey-settings-row">
          <Input
            label={t('surveys.delayMinutes')}
            type="number"
            min={0}
            inputMode="numeric"
            value={delayMinutes}
            onChange={(e) => setDelayMinutes(e.target.value)}
          />
        </div>
        <Input
          label={t('surveys.question')}
          value={csat.question ?? ''}
          maxLength={500}
          onChange={(e) => setCsat({ ...csat, question: optional(e.target.value) })}
        />
      </fieldset>
      <fieldset>
        <legend>{t('surveys.ces')}</legend>
        {checkbox(ces.enabled, (enabled) => setCes({ ...ces, enabled }))}
        <Select
          label={t('surveys.cesMode')}
          value={ces.mode ?? 'after_csat'}
          onChange={(e) => setCes({ ...ces, mode: e.target.value as 'after_csat' | 'instead' })}
        >
          <option value="after_csat">{t('surveys.cesAfterCsat')}</option>
          <option value="instead">{t('surveys.cesInstead')}</option>
        </Select>
      </fieldset>
      <fieldset>
        <legend>{t('surveys.nps')}</legend>
        {checkbox(nps.enabled, (enabled) => setNps({ ...nps, enabled }))}
        <div className="survey-settings-row">
          <Input
            label={t('surveys.minDaysBetween')}
            type="number"
            min={1}
            value={String(nps.minDaysBetween)}
            onChange={(e) => setNps({ ...nps, minDaysBetween: Number(e.target.value) })}
          />
          <Input
            label={t('surveys.afterSolvedTickets')}
            type="number"
            min={1}
            value={String(nps.afterSolvedTickets)}
            onChange={(e) => setNps({ ...nps, afterSolvedTickets: Number(e.target.value) })}
          />
        </div>
      </fieldset>
      <Input
        label={t('surveys.language')}
        value={language}
        maxLength={5}
        onChange={(e) => setLanguage(e.target.value.trim())}
      />
      <Button type="submit" variant="primary" disabled={save.isPending}>
        {t('surveys.save')}
      </Button>
    </form>
  );
}
