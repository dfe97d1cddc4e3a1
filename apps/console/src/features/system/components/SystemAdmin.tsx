import { useState } from 'react';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { dateTime, relativeTime, span } from '../../../lib/format';
import { useRetryAllFailed, useSystemStatus } from '../hooks/useSystemStatus';
import '../system.css';

/**
 * `#/admin/system`: what an admin checks when customers say replies do not arrive — each
 * channel's last traffic and last error, what waits in the outbox, failed deliveries (and
 * sending them all again), which node watches each mailbox, and the nodes that run.
 */
export default function SystemAdmin() {
  const { t } = useTranslation();
  const status = useSystemStatus();
  const retryAll = useRetryAllFailed();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  if (status.isPending) return <p className="empty-state">{t('system.loading')}</p>;
  if (status.isError)
    return (
      <p className="form-error" role="alert">
        {status.error.message}
      </p>
    );
  const { channels, outbox, failedDeliveries, mailboxes, nodes } = status.data;

  async function retry() {
    setOutcome(null);
    try {
      const result = await retryAll.mutateAsync();
      setOutcome({ ok: true, text: t('system.retried', { count: result.retried }) });
    } catch (cause) {
      setOutcome({ ok: false, text: cause instanceof Error ? cause.message : t('common.didNotWork') });
    }
  }

  return (
    <div className="system-admin">
      <section className="admin-section" aria-labelledby="system-channels-heading">
        <h2 id="system-channels-heading">{t('system.channelsHeading')}</h2>
        <p className="muted">{t('system.channelsIntro')}</p>
        {channels.length === 0 ? (
          <p className="empty-state">{t('system.noChannels')}</p>
        ) : (
          <ul className="system-list">
            {channels.map((c) => (
              <li key={c.id} aria-label={c.name}>
                <strong>{c.name}</strong> <span className="muted">{c.kind}</span>
                {!c.active && <span className="muted"> · {t('system.inactive')}</span>}
                <dl className="system-facts">
                  <dt>{t('system.lastInbound')}</dt>
                  <dd title={dateTime(c.lastInboundAt)}>
                    {relativeTime(c.lastInboundAt) || t('system.never')}
                  </dd>
                  <dt>{t('system.lastSent')}</dt>
                  <dd title={dateTime(c.lastSentAt)}>{relativeTime(c.lastSentAt) || t('system.never')}</dd>
                  <dt>{t('system.lastError')}</dt>
                  <dd className={c.lastError ? 'system-error' : undefined}>
                    {c.lastError ? `${c.lastError} (${relativeTime(c.lastErrorAt)})` : t('system.noError')}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="admin-section" aria-labelledby="system-outbox-heading">
        <h2 id="system-outbox-heading">{t('system.outboxHeading')}</h2>
        <dl className="system-facts">
          {outbox.map((q) => (
            <div key={q.queue}>
              <dt>{t(`system.outboxQueue.${q.queue}`)}</dt>
              <dd>
                {q.backlog === 0
                  ? t('system.backlogEmpty')
                  : t('system.backlog', { count: q.backlog, age: span(q.oldestAgeSeconds * 1000) })}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="admin-section" aria-labelledby="system-failed-heading">
        <h2 id="system-failed-heading">{t('system.failedHeading')}</h2>
        {outcome && (
          <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? undefined : 'form-error'}>
            {outcome.text}
          </p>
        )}
        {failedDeliveries.total === 0 ? (
          <p className="muted">{t('system.noFailed')}</p>
        ) : (
          <>
            <p>{t('system.failedIntro', { count: failedDeliveries.total })}</p>
            <Button variant="primary" onClick={() => void retry()} disabled={retryAll.isPending}>
              {t('system.retryAll')}
            </Button>
            <ul className="system-list">
              {failedDeliveries.items.map((f) => (
                <li key={f.messageId}>
                  <a href={`#/tickets/${f.ticketId}`}>{t('system.ticket', { number: f.ticketNumber })}</a>{' '}
                  <span className="muted">
                    {f.channel} · {relativeTime(f.failedAt)}
                  </span>
                  {f.error && <p className="system-error">{f.error}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="admin-section" aria-labelledby="system-mailboxes-heading">
        <h2 id="system-mailboxes-heading">{t('system.mailboxesHeading')}</h2>
        {mailboxes.length === 0 ? (
          <p className="muted">{t('system.noMailboxes')}</p>
        ) : (
          <ul className="system-list">
            {mailboxes.map((m) => (
              <li key={m.accountId}>
                <strong>{m.name}</strong>{' '}
                <span className={m.holder ? 'muted' : 'system-error'}>
                  {m.holder ? t('system.watchedBy', { node: m.holder }) : t('system.notWatched')}
                </span>{' '}
                <span className="muted" title={dateTime(m.lastFetchAt)}>
                  {t('system.lastFetch', { when: relativeTime(m.lastFetchAt) || t('system.never') })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="admin-section" aria-labelledby="system-nodes-heading">
        <h2 id="system-nodes-heading">{t('system.nodesHeading')}</h2>
        {nodes.length === 0 ? (
          <p className="muted">{t('system.noNodes')}</p>
        ) : (
          <ul className="system-list">
            {nodes.map((n) => (
              <li key={n.id}>
                <strong className="system-node">{n.id}</strong>
                <p className="muted">
                  {t('system.nodeLine', {
                    role: n.role,
                    version: n.version,
                    since: dateTime(n.startedAt),
                    seen: relativeTime(n.lastSeenAt),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
