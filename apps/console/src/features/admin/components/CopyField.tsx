import { useId, useState } from 'react';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

/** A value the admin must paste elsewhere: read-only, selectable, with a copy button. */
export function CopyField({
  label,
  value,
  help,
  multiline = false,
}: {
  label: string;
  value: string;
  help?: string;
  multiline?: boolean;
}) {
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const { t } = useTranslation();

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(t('adminScreens.copied'));
    } catch {
      // Clipboard access needs a secure context and permission; the field stays selectable.
      setCopied(t('adminScreens.copyBlocked'));
    }
  }

  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        {multiline ? (
          <textarea
            id={id}
            readOnly
            rows={2}
            value={value}
            aria-describedby={help ? `${id}-help` : undefined}
            onFocus={(e) => e.target.select()}
          />
        ) : (
          <input
            id={id}
            readOnly
            value={value}
            aria-describedby={help ? `${id}-help` : undefined}
            onFocus={(e) => e.target.select()}
          />
        )}
        <Button onClick={() => void copy()} aria-label={t('adminScreens.copyNamed', { name: label })}>
          {t('adminScreens.copy')}
        </Button>
      </div>
      {help && (
        <p id={`${id}-help`} className="muted">
          {help}
        </p>
      )}
      {copied && (
        <p role="status" className="muted">
          {copied}
        </p>
      )}
    </div>
  );
}
