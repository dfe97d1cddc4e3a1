import { useTranslation } from '../../../i18n';
import type { KeyboardEvent } from 'react';
import { Menu } from '../../../components/Menu';
import { Button } from '../../../components/Button';

const SPLIT_TOGGLE_CLASSES = 'primary split-toggle';

export type StatusAfterSend = 'pending' | 'solved' | 'on_hold';

// Labels are the catalog's composer.sendAnd.<status>.
const CHOICES: Array<{ status: StatusAfterSend; label: string }> = [
  { status: 'pending', label: 'pending' },
  { status: 'solved', label: 'solved' },
  { status: 'on_hold', label: 'on_hold' },
];

/** "Send reply" with a menu beside it for sending and setting the status in one go. */
export function SendMenuButton({
  label,
  busy,
  disabled,
  onSend,
}: {
  label: string;
  busy: boolean;
  disabled: boolean;
  onSend(after: StatusAfterSend | null): void;
}) {
  const { t } = useTranslation();

  /**
   * Enter is handled here, not left to the browser's click: the queue's single-key shortcuts
   * listen on the window and would take an Enter that reached them.
   */
  function onMainKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    event.stopPropagation();
    onSend(null);
  }

  return (
    <div className="split-button">
      <Button
        variant="primary"
        className="split-main"
        disabled={disabled || busy}
        onClick={() => onSend(null)}
        onKeyDown={onMainKey}
      >
        {busy ? t('composer.sending') : label}
      </Button>
      <Menu
        label={t('composer.moreWaysToSend')}
        trigger={<span aria-hidden="true">▾</span>}
        triggerClassName={SPLIT_TOGGLE_CLASSES}
        menuClassName="split-menu"
        disabled={disabled || busy}
        items={CHOICES.map((choice) => ({
          id: choice.status,
          label: t(`composer.sendAnd.${choice.label}`),
          onSelect: () => onSend(choice.status),
        }))}
      />
    </div>
  );
}
