import { dateTime } from '../../../lib/format';
import type { PendingHandoff } from '../../../lib/timeline';
import { Trans, useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

interface Props {
  handoff: PendingHandoff;
  onAcknowledge(): void;
  busy?: boolean;
}

/** What the previous owner handed over, shown above the timeline until the receiver confirms. */
export function HandoffCard({ handoff, onAcknowledge, busy }: Props) {
  const { t } = useTranslation();
  return (
    <section className="handoff-card" aria-labelledby="handoff-title" data-testid="handoff-card">
      <h2 id="handoff-title">
        <Trans
          i18nKey="transfer.handoffFrom"
          values={{ name: handoff.fromName, when: dateTime(handoff.at) }}
          components={{ time: <time dateTime={handoff.at} /> }}
        />
      </h2>
      <p className="handoff-note">{handoff.note || t('transfer.noNote')}</p>
      <Button variant="primary" onClick={onAcknowledge} disabled={busy}>
        {t('transfer.gotIt')}
      </Button>
    </section>
  );
}
