import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { dateTime } from '../../../lib/format';
import { useTranslation } from '../../../i18n';
import {
  auditKeys,
  downloadAuditCsv,
  fetchAuditPage,
  type AuditEntry,
  type AuditFilters,
} from '../api/audit-api';
import '../../security/security.css';

const EMPTY: AuditFilters = { actor: '', action: '', target: '', from: '', to: '' };

/** Admin → Audit log: who did what, filtered by actor, action, target and days; CSV of the same filter. */
export default function AuditLogAdmin() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const log = useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => fetchAuditPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const csv = useMutation({ mutationFn: () => downloadAuditCsv(filters) });
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };

  return (
    <section className="admin-section" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('audit.heading')}</h2>
      <p className="muted">{t('audit.intro')}</p>
      <form className="audit-filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <Input label={t('audit.actor')} value={draft.actor} onChange={set('actor')} />
        <Input
          label={t('audit.action')}
          hint={t('audit.actionHint')}
          value={draft.action}
          onChange={set('action')}
        />
        <Input label={t('audit.target')} value={draft.target} onChange={set('target')} />
        <Input label={t('audit.from')} type="date" value={draft.from} onChange={set('from')} />
        <Input label={t('audit.to')} type="date" value={draft.to} onChange={set('to')} />
        <Button type="submit" variant="primary">
          {t('audit.apply')}
        </Button>
        <Button disabled={csv.isPending} onClick={() => csv.mutate()}>
          {t('audit.downloadCsv')}
        </Button>
      </form>
      {(log.isError || csv.isError) && (
        <p className="form-error" role="alert">
          {(log.error ?? csv.error)?.message}
        </p>
      )}
      {/* Scrolls sideways on a phone: focusable, so a keyboard can scroll it too. */}
      <div className="audit-table-wrap" role="region" aria-label={t('audit.tableLabel')} tabIndex={0}>
        <table className="admin-table" aria-label={t('audit.tableLabel')}>
          <thead>
            <tr>
              <th>{t('audit.when')}</th>
              <th>{t('audit.who')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.target')}</th>
              <th>{t('audit.ip')}</th>
              <th>{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <AuditRow key={e.id} entry={e} />
            ))}
            {log.isSuccess && !entries.length && (
              <tr>
                <td colSpan={6} className="muted">
                  {t('audit.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {log.hasNextPage && (
        <Button disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {t('audit.more')}
        </Button>
      )}
    </section>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const who =
    entry.actorKind === 'api_token'
      ? t('audit.viaToken', { who: entry.actorEmail ?? '' })
      : (entry.actorEmail ?? t('audit.anonymous'));
  const details = Object.keys(entry.details).length ? JSON.stringify(entry.details) : '';
  return (
    <tr data-testid="audit-row">
      <td>{dateTime(entry.at)}</td>
      <td>{who}</td>
      <td>
        <code>{entry.action}</code>
      </td>
      <td>{entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : ''}</td>
      <td>{entry.ip ?? ''}</td>
      <td className="audit-details">{details}</td>
    </tr>
  );
}
