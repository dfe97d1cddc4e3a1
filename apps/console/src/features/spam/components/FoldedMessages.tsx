import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { dateTime } from '../../../lib/format';
import { useTranslation } from '../../../i18n';
import { fetchFoldedMessages, spamKeys } from '../api/spam-api';

/**
 * Under a flood notice: the messages it stands for, fetched only when an agent asks, since a
 * flood is exactly what they should not have to scroll through.
 */
export function FoldedMessages({ ticketId, noticeId }: { ticketId: string; noticeId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const folded = useQuery({
    queryKey: spamKeys.folded(ticketId),
    queryFn: () => fetchFoldedMessages(ticketId),
    enabled: open,
  });
  const mine = (folded.data?.items ?? []).filter((m) => m.noticeEventId === noticeId);
  return (
    <>
      <Button className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('spam.hideFolded') : t('spam.showFolded')}
      </Button>
      {open && folded.isSuccess && (
        <ol className="folded-messages" aria-label={t('spam.foldedLabel', { count: mine.length })}>
          {mine.map((m) => (
            <li key={m.id}>
              <time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time> {m.text}
            </li>
          ))}
        </ol>
      )}
      {open && folded.isError && (
        <span className="form-error" role="alert">
          {folded.error.message}
        </span>
      )}
    </>
  );
}
