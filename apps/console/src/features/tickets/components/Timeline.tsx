import { useEffect, useRef } from 'react';
import type { MessageView } from '@switchboard/contracts';
import { dateTime } from '../../../lib/format';
import { sanitizeMailHtml } from '../../../lib/mail-html';
import { describeEvent, type NameOf, type TimelineEntry } from '../../../lib/timeline';
import { contactDisplayName } from '../../../lib/channel-names';
import { ChannelIcon } from './ChannelIcon';
import { LinkifiedText } from './LinkifiedText';
import { MessageAttachments } from './MessageAttachments';
import { RetryDeliveryButton } from './RetryDeliveryButton';
import { SurveyAnswer } from './SurveyAnswer';
import { FoldedMessages } from '../../spam/components/FoldedMessages';
import { useTranslation } from '../../../i18n';

function Delivery({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  if (message.direction !== 'out' || message.kind !== 'message' || !message.deliveryState) return null;
  const failed = message.deliveryState === 'failed' || message.deliveryState === 'undelivered';
  return (
    <span
      className={`delivery delivery-${failed ? 'failed' : message.deliveryState}`}
      data-delivery={message.deliveryState}
    >
      {t(`tickets.delivery.${message.deliveryState}`)}
      {failed && message.deliveryError ? ` — ${message.deliveryError}` : ''}
      {message.deliveryState === 'failed' && <RetryDeliveryButton message={message} />}
    </span>
  );
}

function Body({ message }: { message: MessageView }) {
  if (message.html) {
    // The API sanitizes too; this keeps the browser safe whatever an old row holds.
    return (
      <div className="message-body" dangerouslySetInnerHTML={{ __html: sanitizeMailHtml(message.html) }} />
    );
  }
  return (
    <div className="message-body plain">
      <LinkifiedText text={message.text} />
    </div>
  );
}

function Message({ message, contactName }: { message: MessageView; contactName: string | null }) {
  const { t } = useTranslation();
  if (message.kind === 'system') {
    return (
      <li className="event">
        <span>{message.text}</span> <time dateTime={message.createdAt}>{dateTime(message.createdAt)}</time>
      </li>
    );
  }
  const internal = message.kind !== 'message';
  const who =
    message.direction === 'in'
      ? contactDisplayName(message.authorName ?? contactName, message.channel, t('tickets.customer'))
      : (message.authorName ?? t('tickets.agent'));
  const kindLabel = internal ? t(`tickets.kind.${message.kind}`) : '';
  // CSS classes, not words.
  const className = internal
    ? ['entry', 'internal', `kind-${message.kind}`].join(' ')
    : ['entry', message.direction === 'in' ? 'inbound' : 'outbound'].join(' ');
  return (
    <li className={className} data-message-id={message.id} data-kind={message.kind}>
      <article
        aria-label={t('tickets.entryFrom', {
          what: internal
            ? kindLabel
            : message.direction === 'in'
              ? t('tickets.customerMessage')
              : t('tickets.reply'),
          who,
        })}
      >
        <header className="entry-header">
          {!internal && <ChannelIcon channel={message.channel} />}
          {internal && <span className="internal-label">{kindLabel}</span>}
          <strong>{who}</strong>
          <time dateTime={message.createdAt}>{dateTime(message.createdAt)}</time>
          <Delivery message={message} />
        </header>
        <Body message={message} />
        <MessageAttachments files={message.attachments} />
      </article>
    </li>
  );
}

/** Every channel of the ticket in one stream, oldest first, with notes and events inline. */
export function Timeline({
  entries,
  nameOf,
  contactName = null,
}: {
  entries: TimelineEntry[];
  nameOf: NameOf;
  contactName?: string | null;
}) {
  const endRef = useRef<HTMLLIElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [entries.length]);
  return (
    <ol className="timeline" aria-label={t('tickets.conversation')}>
      {entries.map((entry) =>
        entry.type === 'message' ? (
          <Message key={`m-${entry.id}`} message={entry.message} contactName={contactName} />
        ) : entry.event.type === 'survey' ? (
          <SurveyAnswer
            key={`e-${entry.id}`}
            event={entry.event}
            customer={contactDisplayName(
              contactName,
              String(entry.event.data.channel ?? ''),
              t('tickets.theCustomer'),
            )}
          />
        ) : (
          <li key={`e-${entry.id}`} className="event" data-event-type={entry.event.type}>
            <span>{describeEvent(entry.event, nameOf)}</span>{' '}
            <time dateTime={entry.createdAt}>{dateTime(entry.createdAt)}</time>
            {entry.event.type === 'messages_folded' && (
              <FoldedMessages ticketId={entry.event.ticketId} noticeId={entry.event.id} />
            )}
          </li>
        ),
      )}
      <li ref={endRef} aria-hidden="true" className="timeline-end" />
    </ol>
  );
}
