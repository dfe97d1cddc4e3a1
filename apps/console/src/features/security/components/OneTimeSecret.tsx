import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';

/**
 * Something the server keeps only hashed (an API token, recovery codes): shown once, focused
 * and in view when it appears, with a Copy button.
 */
export function OneTimeSecret({ title, lines, onDone }: { title: string; lines: string[]; onDone(): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'center' });
  }, [lines]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(lines.join('\n'));
      setCopied(t('security.copied'));
    } catch {
      setCopied(t('security.copyBlocked'));
    }
  }

  return (
    <section ref={ref} tabIndex={-1} className="one-time-notice" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="muted">{t('security.shownOnce')}</p>
      <ul className="security-secret-list">
        {lines.map((line) => (
          <li key={line}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
      <p className="one-time-row">
        <Button onClick={() => void copy()}>{t('security.copy')}</Button>
        <Button variant="primary" onClick={onDone}>
          {t('security.done')}
        </Button>
        {copied && <span role="status">{copied}</span>}
      </p>
    </section>
  );
}
