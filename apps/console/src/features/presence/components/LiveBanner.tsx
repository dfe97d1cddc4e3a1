import { useLiveStatus } from '../hooks/useLive';

/** Says plainly when live updates are not arriving, so nobody trusts a stale screen. */
export function LiveBanner() {
  const status = useLiveStatus();
  if (status !== 'reconnecting') return null;
  return (
    <div className="live-banner" role="status" aria-live="polite">
      Live updates paused — reconnecting…
    </div>
  );
}
