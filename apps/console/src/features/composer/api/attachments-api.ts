import type { UploadedAttachmentView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

/** Where a file is uploaded: onto a ticket for a reply, or onto the account a new conversation starts on. */
export type UploadTarget = { ticketId: string } | { channelAccountId: string };

/** Uploads one file as the API takes it (JSON with base64 data); its id goes with the message. */
export async function uploadAttachment(target: UploadTarget, file: File): Promise<UploadedAttachmentView> {
  const upload = { filename: file.name, contentType: file.type || undefined, data: await base64Of(file) };
  return 'ticketId' in target
    ? api.post<UploadedAttachmentView>(endpoints.attachments(target.ticketId), upload)
    : api.post<UploadedAttachmentView>(endpoints.draftAttachments, { ...upload, ...target });
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // A data URL is "data:<type>;base64,<data>": keep the data.
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}
