import { useState, type FormEvent } from 'react';
import type { RetentionSettings } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import { useSaveRetention, useWorkspaceSettings } from '../hooks/usePrivacy';

/** `#/admin/privacy`: how long closed tickets and quarantined mail are kept. */
export default function RetentionAdmin() {
  const { t } = useTranslation();
  const settings = useWorkspaceSettings();
  return (
    <section className="admin-section" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('privacy.retentionHeading')}</h2>
      <p className="muted">{t('privacy.retentionIntro')}</p>
      {settings.isError && (
        <p className="form-error" role="alert">
          {settings.error.message}
        </p>
      )}
      {settings.data ? (
        <RetentionForm retention={settings.data.retention} />
      ) : (
        !settings.isError && <p className="empty-state">{t('common.loading')}</p>
      )}
    </section>
  );
}

/** An empty field keeps forever; the API refuses anything but whole days from 1 and says why. */
const toDays = (text: string): number | null => (text.trim() === '' ? null : Number(text));
const toText = (days: number | null) => (days === null ? '' : String(days));

function RetentionForm({ retention }: { retention: RetentionSettings }) {
  const { t } = useTranslation();
  const save = useSaveRetention();
  const toast = useToast();
  const [tickets, setTickets] = useState(toText(retention.deleteClosedTicketsAfterDays));
  const [quarantine, setQuarantine] = useState(toText(retention.deleteQuarantineAfterDays));

  async function submit(e: FormEvent) {
    e.preventDefault();
    toast.clear();
    try {
      await save.mutateAsync({
        deleteClosedTicketsAfterDays: toDays(tickets),
        deleteQuarantineAfterDays: toDays(quarantine),
      });
      toast.success(t('privacy.retentionSaved'));
    } catch (cause) {
      toast.error(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {toast.region}
      <Input
        label={t('privacy.closedTicketsDays')}
        hint={t('privacy.keepForeverHint')}
        type="number"
        min={1}
        inputMode="numeric"
        value={tickets}
        onChange={(e) => setTickets(e.target.value)}
      />
      <Input
        label={t('privacy.quarantineDays')}
        hint={t('privacy.keepForeverHint')}
        type="number"
        min={1}
        inputMode="numeric"
        value={quarantine}
        onChange={(e) => setQuarantine(e.target.value)}
      />
      <Button type="submit" variant="primary" disabled={save.isPending}>
        {t('privacy.saveRetention')}
      </Button>
    </form>
  );
}
