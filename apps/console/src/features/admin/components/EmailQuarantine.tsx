import { useState } from 'react';
import type { EmailQuarantineView, EmailReimportView } from '@switchboard/contracts';
import { dateTime, fileSize } from '../../../lib/format';
import { downloadQuarantinedMail } from '../api/channels-api';
import { useChannelAccounts } from '../hooks/useChannelAccounts';
import { useEmailQuarantine } from '../hooks/useEmailQuarantine';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

/** What a re-import did, in the admin's words. */
function ReimportOutcome({ result }: { result: EmailReimportView }) {
  const { t } = useTranslation();
  if (!result.ticketId) return <p role="status">{t('adminScreens.quarantine.reimportedBounce')}</p>;
  return (
    <p role="status">
      {result.parsed
        ? t('adminScreens.quarantine.reimportedParsed')
        : t('adminScreens.quarantine.reimportedUnreadable')}{' '}
      <a href={`#/tickets/${result.ticketId}`}>{t('adminScreens.quarantine.openTicket')}</a>
    </p>
  );
}

function QuarantineEntry({
  entry,
  mailbox,
  onReimport,
  busy,
}: {
  entry: EmailQuarantineView;
  mailbox: string;
  onReimport(): void;
  busy: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const label = t('adminScreens.quarantine.entry', { mailbox, when: dateTime(entry.createdAt) });
  return (
    <li className="quarantine-entry" aria-label={label}>
      <p>
        <strong>{label}</strong>{' '}
        <span className="muted">
          ({fileSize(entry.rawSize)}, {entry.reason})
        </span>
      </p>
      <pre className="quarantine-error">{entry.error}</pre>
      <div className="actions">
        <Button
          onClick={() =>
            downloadQuarantinedMail(entry).catch((cause: unknown) =>
              setError(cause instanceof Error ? cause.message : t('adminScreens.quarantine.downloadFailed')),
            )
          }
        >
          {t('adminScreens.quarantine.download')}
        </Button>
        <Button onClick={onReimport} disabled={busy}>
          {t('adminScreens.quarantine.reimport')}
        </Button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Mail that could not be read stays here, with the parser's error, until an admin re-imports it. */
export function EmailQuarantine() {
  const { list, reimport } = useEmailQuarantine();
  const accounts = useChannelAccounts().data ?? [];
  const { t } = useTranslation();
  const mailbox = (id: string) =>
    accounts.find((a) => a.id === id)?.name ?? t('adminScreens.quarantine.removedMailbox');
  return (
    <section className="admin-section" aria-labelledby="quarantine-heading">
      <h2 id="quarantine-heading">{t('adminScreens.quarantine.heading')}</h2>
      <p className="muted">{t('adminScreens.quarantine.intro')}</p>
      {list.isError && (
        <p className="form-error" role="alert">
          {list.error.message}
        </p>
      )}
      {reimport.data && <ReimportOutcome result={reimport.data} />}
      {reimport.isError && (
        <p className="form-error" role="alert">
          {t('adminScreens.quarantine.reimportFailed', { reason: reimport.error.message })}
        </p>
      )}
      <ul className="quarantine-list" aria-label={t('adminScreens.quarantine.list')}>
        {(list.data ?? []).map((entry) => (
          <QuarantineEntry
            key={entry.id}
            entry={entry}
            mailbox={mailbox(entry.channelAccountId)}
            busy={reimport.isPending}
            onReimport={() => reimport.mutate(entry.id)}
          />
        ))}
        {list.data?.length === 0 && <li className="muted">{t('adminScreens.quarantine.none')}</li>}
      </ul>
    </section>
  );
}
