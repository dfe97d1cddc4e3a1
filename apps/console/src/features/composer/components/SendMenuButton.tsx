import { useTranslation } from '../../../i18n';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export type StatusAfterSend = 'pending' | 'solved' | 'on_hold';

// Labels are the catalog's composer.sendAnd.<status>.
const CHOICES: Array<{ status: StatusAfterSend; label: string }> = [
  { status: 'pending', label: 'pending' },
  { status: 'solved', label: 'solved' },
  { status: 'on_hold', label: 'on_hold' },
];

/**
 * "Send reply" with a menu button beside it for sending and setting the status in one go
 * (the WAI-ARIA menu button pattern: arrows move, Enter picks, Escape closes and returns focus).
 */
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
  const id = useId();
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) toggleRef.current?.focus();
  }

  function choose(status: StatusAfterSend) {
    close(true);
    onSend(status);
  }

  function openAt(index: number) {
    setActive(index);
    setOpen(true);
  }

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

  function onToggleKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      if (open) close(false);
      else openAt(0);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? 0 : CHOICES.length - 1);
    }
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const last = CHOICES.length - 1;
    const move = (index: number) => {
      event.preventDefault();
      setActive(index);
    };
    if (event.key === 'ArrowDown') move(active === last ? 0 : active + 1);
    else if (event.key === 'ArrowUp') move(active === 0 ? last : active - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      choose(CHOICES[active].status);
    } else if (event.key === 'End') move(last);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  }

  return (
    <div className="split-button">
      <button
        type="button"
        className="primary split-main"
        disabled={disabled || busy}
        onClick={() => onSend(null)}
        onKeyDown={onMainKey}
      >
        {busy ? t('composer.sending') : label}
      </button>
      <button
        ref={toggleRef}
        type="button"
        className="primary split-toggle"
        id={`${id}-toggle`}
        aria-label={t('composer.moreWaysToSend')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        disabled={disabled || busy}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onToggleKey}
      >
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          role="menu"
          id={`${id}-menu`}
          aria-labelledby={`${id}-toggle`}
          className="split-menu"
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            if (
              !e.currentTarget.contains(e.relatedTarget as Node | null) &&
              e.relatedTarget !== toggleRef.current
            )
              setOpen(false);
          }}
        >
          {CHOICES.map((choice, index) => (
            <button
              key={choice.status}
              ref={(el) => {
                itemRefs.current[index] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={index === active ? 0 : -1}
              onClick={() => choose(choice.status)}
            >
              {t(`composer.sendAnd.${choice.label}`)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
