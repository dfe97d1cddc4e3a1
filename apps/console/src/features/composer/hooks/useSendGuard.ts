import { useCallback, useRef, useState } from 'react';
import type { MessageView } from '@switchboard/contracts';
import type { TimelineEntry } from '../../../lib/timeline';

/** A customer message, or a colleague's reply to the customer: what a new reply must not ignore. */
function needsReview(message: MessageView, meId: string): boolean {
  if (message.direction === 'in') return message.kind === 'message';
  return message.kind === 'message' && message.authorId !== meId;
}

/**
 * Remembers what the timeline held when the draft began and reports what arrived since, so a
 * reply is not sent blind. The baseline is ids, not timestamps: client and server clocks differ.
 */
export function useSendGuard(entries: TimelineEntry[], meId: string, drafting: boolean) {
  const baseline = useRef<Set<string> | null>(null);
  const [, rerender] = useState(0);

  if (!drafting) baseline.current = null;
  else if (baseline.current === null) baseline.current = new Set(entries.map((e) => e.id));

  const seen = baseline.current;
  const arrivals: MessageView[] = seen
    ? entries.flatMap((e) =>
        e.type === 'message' && !seen.has(e.id) && needsReview(e.message, meId) ? [e.message] : [],
      )
    : [];

  const acknowledge = useCallback(() => {
    baseline.current = new Set(entries.map((e) => e.id));
    rerender((n) => n + 1);
  }, [entries]);

  return { arrivals, acknowledge };
}
