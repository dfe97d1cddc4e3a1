import { i18n } from '../../../i18n';
import { useEffect, useRef, useState } from 'react';
import { uploadAttachment, type UploadTarget } from '../api/attachments-api';

export interface ChosenFile {
  key: number;
  name: string;
  size: number;
  /** Set once the upload is stored; only these go with the reply. */
  id?: string;
  uploading: boolean;
  error?: string;
}

/**
 * The files an agent attached to a draft (a reply, or the first message of a new conversation):
 * each uploads as soon as it is chosen, so sending only passes ids. A file removed before its
 * upload finishes is not sent. Another ticket or account starts an empty list.
 */
export function useReplyAttachments(target: UploadTarget) {
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const nextKey = useRef(1);
  const targetKey = 'ticketId' in target ? target.ticketId : target.channelAccountId;
  const current = useRef(target);
  current.current = target;

  useEffect(() => setFiles([]), [targetKey]);

  function add(chosen: Iterable<File>) {
    for (const file of chosen) {
      const key = nextKey.current++;
      setFiles((list) => [...list, { key, name: file.name, size: file.size, uploading: true }]);
      const update = (patch: Partial<ChosenFile>) =>
        setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...patch } : f)));
      uploadAttachment(current.current, file).then(
        (uploaded) => update({ id: uploaded.id, name: uploaded.filename, uploading: false }),
        (cause: unknown) =>
          update({
            uploading: false,
            error: cause instanceof Error ? cause.message : i18n.t('composer.uploadFailed'),
          }),
      );
    }
  }

  return {
    files,
    add,
    remove: (key: number) => setFiles((list) => list.filter((f) => f.key !== key)),
    clear: () => setFiles([]),
    uploading: files.some((f) => f.uploading),
    /** Ids of the stored uploads, in the order they were chosen. */
    ids: () => files.flatMap((f) => (f.id ? [f.id] : [])),
  };
}

export type ReplyAttachments = ReturnType<typeof useReplyAttachments>;
