import { useTranslation } from '../../../i18n';
import { useState } from 'react';
import type { MessageAttachmentView } from '@switchboard/contracts';
import { saveApiFile } from '../../../lib/download';
import { fileSize } from '../../../lib/format';

/** The files of a message (received or sent by email), each a download. */
export function MessageAttachments({ files }: { files: MessageAttachmentView[] | undefined }) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  if (!files?.length) return null;
  return (
    <>
      <ul className="message-attachments" aria-label={t('tickets.attachments')}>
        {files.map((f, index) => (
          <li key={index} className="chip">
            {f.url ? (
              <a
                href={f.url}
                download={f.filename}
                onClick={(e) => {
                  e.preventDefault();
                  setError(null);
                  saveApiFile(f.url!, f.filename).catch((cause: unknown) =>
                    setError(
                      `${f.filename}: ${cause instanceof Error ? cause.message : t('tickets.downloadFailed')}`,
                    ),
                  );
                }}
              >
                {f.filename}
              </a>
            ) : (
              <span title={f.rejectedReason}>{t('tickets.notKept', { name: f.filename })}</span>
            )}{' '}
            <span className="muted">{fileSize(f.size)}</span>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
