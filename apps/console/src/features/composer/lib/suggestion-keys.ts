import type { KeyboardEvent } from 'react';

interface SuggestionList {
  count: number;
  setActive(update: (index: number) => number): void;
  /** Inserts the highlighted suggestion. */
  pickActive(): void;
  dismiss(): void;
}

/**
 * The keys of an open suggestion list under the composer (mentions, `/` canned replies): arrows
 * move round the list, Enter or Tab picks, Escape closes it. True when the key was taken.
 */
export function handleSuggestionKey(
  event: KeyboardEvent<HTMLTextAreaElement>,
  list: SuggestionList,
): boolean {
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    list.setActive((i) => (i + step + list.count) % list.count);
    return true;
  }
  if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
    event.preventDefault();
    list.pickActive();
    return true;
  }
  if (event.key === 'Escape') {
    event.preventDefault();
    list.dismiss();
    return true;
  }
  return false;
}
