import { useCallback, useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/tickets/<id>`) work behind any static server, including the API's, without a
 * fallback rule for deep links.
 */
function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useHashRoute(): { ticketId: string | null; navigate(path: string): void } {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const match = hash.match(/^#\/tickets\/([^/?#]+)/);
  const navigate = useCallback((path: string) => {
    window.location.hash = path;
  }, []);
  return { ticketId: match ? decodeURIComponent(match[1]) : null, navigate };
}
