import type {
  CannedReplyView,
  CreateCannedReplyBody,
  HoldTemplateView,
  PatchCannedReplyBody,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

export async function fetchCannedReplyList(): Promise<CannedReplyView[]> {
  return (await api.get<{ items: CannedReplyView[] }>(endpoints.cannedReplies)).items;
}

export function createCannedReply(body: CreateCannedReplyBody): Promise<CannedReplyView> {
  return api.post<CannedReplyView>(endpoints.adminCannedReplies, body);
}

export function updateCannedReply(id: string, body: PatchCannedReplyBody): Promise<CannedReplyView> {
  return api.patch<CannedReplyView>(endpoints.adminCannedReply(id), body);
}

export function deleteCannedReply(id: string): Promise<void> {
  return api.delete<void>(endpoints.adminCannedReply(id));
}

export function saveHoldTemplate(template: string): Promise<HoldTemplateView> {
  return api.put<HoldTemplateView>(endpoints.adminHoldTemplate, { template });
}

export function resetHoldTemplate(): Promise<HoldTemplateView> {
  return api.delete<HoldTemplateView>(endpoints.adminHoldTemplate);
}
