import { useState } from 'react';
import type { EmailQuarantineView, EmailReimportView } from '@switchboard/contracts';
import { dateTime, fileSize } from '../../../lib/format';
import { downloadQuarantinedMail } from '../api/channels-api';
import { useChannelAccounts } from '../hooks/useChannelAccounts';
import { useEmailQuarantine } from '../hooks/useEmailQuarantine';

/** What a re-import did, in the admin's words. */
function ReimportOutcome({ result }: { result: EmailReimportView }) {
  if (!result.ticketId)
    return (
      <p role="status">
        Re-imported: it was a bounce, so the failed delivery is now marked on the original reply.
      </p>
    );
  return (
    <p role="status">
      {result.parsed
        ? 'Re-imported: the mail was read and stored on its ticket.'
        : 'Re-imported, but the mail still could not be read: it is stored as a message with the original attached.'}{' '}
      <a href={`#/tickets/${result.ticketId}`}>Open the ticket</a>
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
  const label = `Mail to ${mailbox} received ${dateTime(entry.createdAt)}`;
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
        <button
          type="button"
          onClick={() =>
            downloadQuarantinedMail(entry).catch((cause: unknown) =>
              setError(cause instanceof Error ? cause.message : 'Download failed.'),
            )
          }
        >
          Download .eml
        </button>
        <button type="button" onClick={onReimport} disabled={busy}>
          Re-import
        </button>
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
  const mailbox = (id: string) => accounts.find((a) => a.id === id)?.name ?? 'a removed mailbox';
  return (
    <section className="admin-section" aria-labelledby="quarantine-heading">
      <h2 id="quarantine-heading">Email quarantine</h2>
      <p className="muted">
        Mail a mailbox received but could not read. Re-import reads it again without the size limit; if it
        still fails, it is stored as a message with the original attached.
      </p>
      {list.isError && (
        <p className="form-error" role="alert">
          {list.error.message}
        </p>
      )}
      {reimport.data && <ReimportOutcome result={reimport.data} />}
      {reimport.isError && (
        <p className="form-error" role="alert">
          Re-import failed: {reimport.error.message}
        </p>
      )}
      <ul className="quarantine-list" aria-label="Quarantined mail">
        {(list.data ?? []).map((entry) => (
          <QuarantineEntry
            key={entry.id}
            entry={entry}
            mailbox={mailbox(entry.channelAccountId)}
            busy={reimport.isPending}
            onReimport={() => reimport.mutate(entry.id)}
          />
        ))}
        {list.data?.length === 0 && <li className="muted">No quarantined mail.</li>}
      </ul>
    </section>
  );
}
