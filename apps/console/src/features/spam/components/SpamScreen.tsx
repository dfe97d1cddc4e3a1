import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { dateTime } from '../../../lib/format';
import { useTranslation } from '../../../i18n';
import type { SpamTicket } from '../api/spam-api';
import { useSpamTickets, useToggleSpam } from '../hooks/useSpam';

/** `#/spam`: what blocked senders wrote and what agents marked as spam, kept and searchable. */
export default function SpamScreen() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const list = useSpamTickets(q);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(draft.trim());
  };
  return (
    <main className="admin" aria-labelledby="spam-heading" id="main-spam">
      <h1 id="spam-heading">{t('spam.title')}</h1>
      <p className="muted">{t('spam.intro')}</p>
      <form className="audit-filters" role="search" onSubmit={search}>
        <Input label={t('spam.search')} value={draft} onChange={(e) => setDraft(e.target.value)} />
        <Button type="submit" variant="primary">
          {t('spam.searchButton')}
        </Button>
      </form>
      {list.isError && (
        <p className="form-error" role="alert">
          {list.error.message}
        </p>
      )}
      <table className="admin-table" aria-label={t('spam.tableLabel')}>
        <thead>
          <tr>
            <th>{t('spam.ticket')}</th>
            <th>{t('spam.from')}</th>
            <th>{t('spam.preview')}</th>
            <th>{t('spam.why')}</th>
            <th>{t('spam.when')}</th>
            <th>{t('spam.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ticket) => (
            <SpamRow key={ticket.id} ticket={ticket} />
          ))}
          {list.isSuccess && items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('spam.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {list.hasNextPage && (
        <Button disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('spam.more')}
        </Button>
      )}
    </main>
  );
}

function SpamRow({ ticket }: { ticket: SpamTicket }) {
  const { t } = useTranslation();
  const restore = useToggleSpam(ticket.id);
  const reason = ticket.spamReason ?? 'marked';
  return (
    <tr data-testid="spam-row">
      <td>
        <a href={['#/tickets', ticket.id].join('/')}>
          #{ticket.number} {ticket.subject}
        </a>
      </td>
      <td>{ticket.contact.name ?? t('spam.unknownSender')}</td>
      <td className="audit-details">{ticket.preview ?? ''}</td>
      <td>{t(['spam.reason', reason].join('.'), { defaultValue: reason })}</td>
      <td>{dateTime(ticket.spamAt)}</td>
      <td>
        <Button disabled={restore.isPending} onClick={() => restore.mutate(false)}>
          {t('spam.notSpam')}
        </Button>
        {restore.isError && (
          <span className="form-error" role="alert">
            {restore.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
