import type { MessageView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

interface Props {
  arrivals: MessageView[];
  onSend(): void;
  onDiscard(): void;
  onKeepEditing(): void;
}

/** Holds a reply that was drafted before newer messages arrived, and shows those messages. */
export function SendGuardPanel({ arrivals, onSend, onDiscard, onKeepEditing }: Props) {
  const fromCustomer = arrivals.some((m) => m.direction === 'in');
  const { t } = useTranslation();
  return (
    <div className="send-guard" role="alert" aria-labelledby="send-guard-title">
      <h3 id="send-guard-title">
        {fromCustomer ? t('composer.guard.heldCustomer') : t('composer.guard.heldColleague')}
      </h3>
      <p>{t('composer.guard.readFirst')}</p>
      <ul className="send-guard-arrivals">
        {arrivals.map((m) => (
          <li key={m.id}>
            <strong>
              {t('composer.guard.author', {
                name:
                  m.authorName ??
                  (m.direction === 'in' ? t('tickets.customer') : t('composer.guard.colleague')),
              })}
            </strong>{' '}
            {m.text.slice(0, 280)}
          </li>
        ))}
      </ul>
      <div className="actions">
        <Button variant="primary" onClick={onSend}>
          {t('composer.guard.send')}
        </Button>
        <Button onClick={onKeepEditing}>{t('composer.guard.keepEditing')}</Button>
        <Button variant="danger" onClick={onDiscard}>
          {t('composer.guard.discard')}
        </Button>
      </div>
    </div>
  );
}
