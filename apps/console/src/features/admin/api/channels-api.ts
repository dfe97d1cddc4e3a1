import type {
  ApiKeyRotatedView,
  ChannelAccountCreatedView,
  ChannelAccountUpdatedView,
  ChannelAccountView,
  ChannelTestResultView,
  CreateChannelAccountBody,
  EmailQuarantineView,
  EmailReimportView,
  UpdateChannelAccountBody,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { saveApiFile } from '../../../lib/download';
import { endpoints } from '../../../lib/endpoints';

export async function fetchChannelAccounts(): Promise<ChannelAccountView[]> {
  return (await api.get<{ items: ChannelAccountView[] }>(endpoints.adminChannelAccounts)).items;
}

export function createChannelAccount(body: CreateChannelAccountBody): Promise<ChannelAccountCreatedView> {
  return api.post<ChannelAccountCreatedView>(endpoints.adminChannelAccounts, body);
}

export function updateChannelAccount(
  id: string,
  body: UpdateChannelAccountBody,
): Promise<ChannelAccountUpdatedView> {
  return api.patch<ChannelAccountUpdatedView>(endpoints.adminChannelAccount(id), body);
}

export function rotateApiKey(id: string): Promise<ApiKeyRotatedView> {
  return api.post<ApiKeyRotatedView>(endpoints.adminChannelAccountRotateKey(id));
}

export function testChannelAccount(id: string): Promise<ChannelTestResultView> {
  return api.post<ChannelTestResultView>(endpoints.adminChannelAccountTest(id));
}

export async function fetchEmailQuarantine(): Promise<EmailQuarantineView[]> {
  return (await api.get<{ items: EmailQuarantineView[] }>(endpoints.adminEmailQuarantine)).items;
}

export function reimportQuarantinedMail(id: string): Promise<EmailReimportView> {
  return api.post<EmailReimportView>(endpoints.adminEmailQuarantineReimport(id));
}

/** Saved as a mail file the admin's mail program opens. */
const EML_SUFFIX = '.eml';

export function downloadQuarantinedMail(entry: EmailQuarantineView): Promise<void> {
  const fileName = ['quarantine', entry.id].join('-') + EML_SUFFIX;
  return saveApiFile(entry.rawUrl, fileName);
}
