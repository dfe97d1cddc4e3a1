import { useEffect, useRef } from 'react';

// `action` names the words in the catalogs (shortcuts.<action>).
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'j / k', action: 'next' },
  { keys: 'Enter', action: 'open' },
  { keys: 'x', action: 'tick' },
  { keys: 'r', action: 'reply' },
  { keys: 'n', action: 'note' },
  { keys: 'a', action: 'assign' },
  { keys: 'h', action: 'hold' },
  { keys: 't', action: 'transfer' },
  { keys: 'e', action: 'solve' },
  { keys: 'm', action: 'macro' },
  { keys: '/', action: 'search' },
  { keys: '?', action: 'help' },
  { keys: 'Esc', action: 'escape' },
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
