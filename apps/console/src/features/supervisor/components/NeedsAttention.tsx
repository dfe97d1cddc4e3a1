import type { SlaSummaryView } from '@switchboard/contracts';
import { AtRiskList } from './AtRiskList';
import { useTranslation } from '../../../i18n';

/**
 * Tickets at risk and tickets already breached, in one list: the heading counts both with the
 * tiles' own numbers, so "At risk 0" on a tile never sits beside a list of breached tickets
 * titled "At risk".
 */
export function NeedsAttention({
  summary,
  onOpen,
}: {
  summary: SlaSummaryView | undefined;
  onOpen: (ticketId: string) => void;
}) {
  const { t } = useTranslation();
  const atRisk = summary?.totals.atRisk ?? 0;
  const breached = summary?.totals.breached ?? 0;
  const shown = summary?.atRisk.length ?? 0;
  return (
    <section aria-labelledby="needs-attention-title" className="sv-card">
      <h2 id="needs-attention-title" className="sv-card-title">
        {t('supervisor.needsAttention')} <span className="count">{atRisk + breached}</span>
      </h2>
      <p className="muted sv-attention-split" data-testid="needs-attention-split">
        {t('supervisor.attentionSplit', { atRisk, breached })}
        {shown < atRisk + breached ? ` · ${t('supervisor.soonestShown', { count: shown })}` : ''}
      </p>
      <AtRiskList items={summary?.atRisk ?? []} onOpen={onOpen} />
    </section>
  );
}
