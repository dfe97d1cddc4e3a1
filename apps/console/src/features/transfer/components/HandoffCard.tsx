import { dateTime } from '../../../lib/format';
import type { PendingHandoff } from '../../../lib/timeline';

interface Props {
  handoff: PendingHandoff;
  onAcknowledge(): void;
  busy?: boolean;
}

/** What the previous owner handed over, shown above the timeline until the receiver confirms. */
export function HandoffCard({ handoff, onAcknowledge, busy }: Props) {
  return (
    <section className="handoff-card" aria-labelledby="handoff-title" data-testid="handoff-card">
      <h2 id="handoff-title">
        Handoff from {handoff.fromName} <time dateTime={handoff.at}>{dateTime(handoff.at)}</time>
      </h2>
      <p className="handoff-note">{handoff.note || 'No note was given.'}</p>
      <button type="button" className="primary" onClick={onAcknowledge} disabled={busy}>
        Got it
      </button>
    </section>
  );
}
