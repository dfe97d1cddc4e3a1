import { useCallback, useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/tickets/<id>`, `#/tickets/<id>/contact`) work behind any static server,
 * including the API's, without a fallback rule for deep links. Each pane change is a history
 * entry, so the browser's back button walks back through the panes on a phone.
 */
function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** Which pane a phone shows: one at a time, queue → ticket → contact. */
export type Pane = 'queue' | 'ticket' | 'contact';

export function useHashRoute(): { ticketId: string | null; pane: Pane; navigate(path: string): void } {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const match = hash.match(/^#\/tickets\/([^/?#]+)(\/contact)?/);
  const navigate = useCallback((path: string) => {
    window.location.hash = path;
  }, []);
  const pane: Pane = !match ? 'queue' : match[2] ? 'contact' : 'ticket';
  return { ticketId: match ? decodeURIComponent(match[1]) : null, pane, navigate };
}
