import { useId, useState } from 'react';

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

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied.');
    } catch {
      // Clipboard access needs a secure context and permission; the field stays selectable.
      setCopied('Copying is blocked here: select the text and copy it.');
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
        <button type="button" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
          Copy
        </button>
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
