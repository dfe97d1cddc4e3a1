import { useState } from 'react';
import type { MessageAttachmentView } from '@switchboard/contracts';
import { apiFile } from '../../../lib/api-client';
import { fileSize } from '../../../lib/format';

/** Saves a file under its own name; the browser never renders it in the console's origin. */
async function save(file: MessageAttachmentView & { url: string }): Promise<void> {
  const href = URL.createObjectURL(await apiFile(file.url));
  const link = document.createElement('a');
  link.href = href;
  link.download = file.filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The files of a message (received or sent by email), each a download. */
export function MessageAttachments({ files }: { files: MessageAttachmentView[] | undefined }) {
  const [error, setError] = useState<string | null>(null);
  if (!files?.length) return null;
  return (
    <>
      <ul className="message-attachments" aria-label="Attachments">
        {files.map((f, index) => (
          <li key={index} className="chip">
            {f.url ? (
              <a
                href={f.url}
                download={f.filename}
                onClick={(e) => {
                  e.preventDefault();
                  setError(null);
                  save({ ...f, url: f.url! }).catch((cause: unknown) => setError(`${f.filename}: ${cause instanceof Error ? cause.message : 'download failed'}`));
                }}
              >
                {f.filename}
              </a>
            ) : (
              <span title={f.rejectedReason}>{f.filename} (not kept)</span>
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
