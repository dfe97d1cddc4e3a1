import { useId, useRef } from 'react';
import { fileSize } from '../../../lib/format';
import type { ReplyAttachments } from '../hooks/useReplyAttachments';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

/** "Attach files" for an email reply, and the chosen files as removable chips with their size. */
export function AttachmentPicker({ attachments }: { attachments: ReplyAttachments }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  return (
    <div className="attachment-picker">
      <Button onClick={() => input.current?.click()}>{t('composer.attachFiles')}</Button>
      <input
        id={`${id}-files`}
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={t('composer.attachFiles')}
        onChange={(e) => {
          attachments.add(Array.from(e.target.files ?? []));
          e.target.value = ''; // choosing the same file again adds it again
        }}
      />
      {attachments.files.length > 0 && (
        <ul className="attachment-chips" aria-label={t('composer.attachedFiles')}>
          {attachments.files.map((f) => (
            <li key={f.key} className={`chip${f.error ? ' chip-error' : ''}`}>
              <span>{f.name}</span> <span className="muted">{fileSize(f.size)}</span>
              {f.uploading && <span className="muted"> {t('composer.uploading')}</span>}
              {f.error && <span role="alert"> {f.error}</span>}
              <Button
                className="chip-remove"
                aria-label={t('composer.removeFile', { name: f.name })}
                onClick={() => attachments.remove(f.key)}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
