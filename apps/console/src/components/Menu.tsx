import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: ReactNode;
  onSelect(): void;
  /** Shown in the danger colour (delete, disable). */
  danger?: boolean;
  disabled?: boolean;
}

/**
 * A button that opens a list of actions: the WAI-ARIA menu button pattern. The trigger says it has
 * a menu and whether it is open; arrows, Home and End move between items, Enter or Space picks,
 * Escape closes and returns the focus to the trigger, Tab or a click elsewhere closes.
 */
export function Menu({
  label,
  trigger,
  items,
  disabled,
  className,
  triggerClassName,
  menuClassName,
}: {
  /** The trigger's accessible name (for an icon-only trigger such as ▾ or ⋯). */
  label: string;
  /** What the trigger shows; the label when omitted. */
  trigger?: ReactNode;
  items: MenuItem[];
  disabled?: boolean;
  className?: string;
  triggerClassName?: string;
  menuClassName?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const enabled = items.map((item, index) => (item.disabled ? -1 : index)).filter((i) => i >= 0);

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  }

  function openAt(index: number | undefined) {
    if (index === undefined) return;
    setActive(index);
    setOpen(true);
  }

  function choose(item: MenuItem) {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  }

  /**
   * Enter is handled here, not left to the browser's click: the queue's single-key shortcuts
   * listen on the window and would take an Enter that reached them.
   */
  function onTriggerKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      if (open) close(false);
      else openAt(enabled[0]);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? enabled[0] : enabled[enabled.length - 1]);
    }
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const position = enabled.indexOf(active);
    const move = (index: number | undefined) => {
      event.preventDefault();
      if (index !== undefined) setActive(index);
    };
    if (event.key === 'ArrowDown') move(enabled[(position + 1) % enabled.length]);
    else if (event.key === 'ArrowUp') move(enabled[(position - 1 + enabled.length) % enabled.length]);
    else if (event.key === 'Home') move(enabled[0]);
    else if (event.key === 'End') move(enabled[enabled.length - 1]);
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      choose(items[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  }

  return (
    <div className={['menu-button', className].filter(Boolean).join(' ')}>
      <button
        ref={triggerRef}
        type="button"
        className={triggerClassName}
        id={`${id}-trigger`}
        aria-label={trigger === undefined ? undefined : label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        disabled={disabled || enabled.length === 0}
        onClick={() => (open ? close(false) : openAt(enabled[0]))}
        onKeyDown={onTriggerKey}
      >
        {trigger ?? label}
      </button>
      {open && (
        <div
          role="menu"
          id={`${id}-menu`}
          aria-labelledby={`${id}-trigger`}
          className={['menu', menuClassName].filter(Boolean).join(' ')}
          onKeyDown={onMenuKey}
          onBlur={(event) => {
            const next = event.relatedTarget as Node | null;
            if (!event.currentTarget.contains(next) && next !== triggerRef.current) setOpen(false);
          }}
        >
          {items.map((item, index) => (
            <button
              key={item.id}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role="menuitem"
              className={item.danger ? 'danger' : undefined}
              aria-disabled={item.disabled || undefined}
              tabIndex={index === active ? 0 : -1}
              onClick={() => choose(item)}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
