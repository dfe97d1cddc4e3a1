import { useLiveStatus } from '../hooks/useLive';
import { useTranslation } from '../../../i18n';

/** Says plainly when live updates are not arriving, so nobody trusts a stale screen. */
export function LiveBanner() {
  const status = useLiveStatus();
  const { t } = useTranslation();
  if (status !== 'reconnecting') return null;
  return (
    <div className="live-banner" role="status" aria-live="polite">
      {t('live.reconnecting')}
    </div>
  );
}
