import { usePresence } from '../hooks/useLive';
import { useTranslation } from '../../../i18n';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/** Colleagues who have this ticket open, and who is typing a reply or a note. */
export function PresenceBar({ ticketId, meId }: { ticketId: string; meId: string }) {
  const { viewers, typing } = usePresence(ticketId);
  const { t } = useTranslation();
  const others = viewers.filter((v) => v.userId !== meId);
  if (!others.length && !typing.length) return null;
  return (
    <div className="presence" aria-live="polite">
      {others.length > 0 && (
        <span
          className="viewers"
          aria-label={t('live.alsoViewing', { names: others.map((v) => v.name).join(', ') })}
        >
          {others.map((v) => (
            <span key={v.userId} className="avatar" title={v.name}>
              {initials(v.name)}
            </span>
          ))}
        </span>
      )}
      {typing.map((typist) => (
        <span key={typist.userId} className="typing">
          {typist.kind === 'note'
            ? t('live.writingNote', { name: typist.name })
            : t('live.writingReply', { name: typist.name })}
        </span>
      ))}
    </div>
  );
}
