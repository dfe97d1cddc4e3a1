import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';

/**
 * A password the server keeps only hashed: shown here once, gone when dismissed. It takes the
 * focus when it appears, so it is in view (the add form sits far below it) and a screen reader
 * reads it; Copy puts it on the clipboard.
 */
export function OneTimePassword({
  who,
  password,
  onDone,
}: {
  who: string;
  password: string;
  onDone(): void;
}) {
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const { t } = useTranslation();

  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'center' });
    setCopied(null);
  }, [password]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(t('adminScreens.copied'));
    } catch {
      // Clipboard access needs a secure context and permission; the password stays selectable.
      setCopied(t('adminScreens.people.copyBlocked'));
    }
  }

  return (
    <section ref={ref} tabIndex={-1} className="one-time-notice" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('adminScreens.people.passwordFor', { name: who })}</h3>
      <p className="one-time-row">
        <code className="one-time-password">{password}</code>
        <Button
          onClick={() => void copy()}
          aria-label={t('adminScreens.people.copyPasswordFor', { name: who })}
        >
          {t('adminScreens.copy')}
        </Button>
      </p>
      {copied && (
        <p role="status" className="muted">
          {copied}
        </p>
      )}
      <p className="warning">{t('adminScreens.people.copyNow')}</p>
      <Button onClick={onDone}>{t('adminScreens.done')}</Button>
    </section>
  );
}
