import { useEffect, useRef } from 'react';

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'j / k', action: 'Next / previous ticket in the queue' },
  { keys: 'Enter', action: 'Open the selected ticket' },
  { keys: 'x', action: 'Tick the ticket for a bulk action' },
  { keys: 'r', action: 'Reply to the customer' },
  { keys: 'n', action: 'Write an internal note' },
  { keys: 'a', action: 'Assign the open ticket to me' },
  { keys: 'h', action: 'Put the open ticket on hold' },
  { keys: 't', action: 'Transfer the open ticket' },
  { keys: 'e', action: 'Solve the open ticket' },
  { keys: '/', action: 'Search tickets' },
  { keys: '?', action: 'Show these shortcuts' },
  { keys: 'Esc', action: 'Close a dialog or leave a text field' },
];

export type ShortcutMap = Partial<Record<string, (event: KeyboardEvent) => void>>;

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key shortcuts, ignored while the agent types in a field, uses a modifier key, or has a
 * dialog open (the dialog has its own keys).
 */
export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typingIn(event.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const handler = ref.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
