import type { UploadedAttachmentView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

/** Uploads one file as the API takes it (JSON with base64 data); its id goes with the reply. */
export async function uploadAttachment(ticketId: string, file: File): Promise<UploadedAttachmentView> {
  return api.post<UploadedAttachmentView>(endpoints.attachments(ticketId), {
    filename: file.name,
    contentType: file.type || undefined,
    data: await base64Of(file),
  });
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
