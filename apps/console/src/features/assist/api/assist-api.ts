import type {
  AssistCallView,
  AssistReplyView,
  AssistSettingsBody,
  AssistSettingsView,
  AssistStatusView,
  AssistSummaryView,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

const ticketPath = (ticketId: string, what: 'summary' | 'reply') =>
  ['/api/tickets', encodeURIComponent(ticketId), 'assist', what].join('/');

export function fetchAssistStatus(): Promise<AssistStatusView> {
  return api.get<AssistStatusView>('/api/assist/status');
}

/** A summary of the conversation; nothing is stored or sent by asking for it. */
export function requestSummary(ticketId: string): Promise<AssistSummaryView> {
  return api.post<AssistSummaryView>(ticketPath(ticketId, 'summary'));
}

/** A draft reply to the customer's last message with the help articles it cites; nothing is sent. */
export function requestReply(ticketId: string): Promise<AssistReplyView> {
  return api.post<AssistReplyView>(ticketPath(ticketId, 'reply'));
}

export function fetchAssistSettings(): Promise<AssistSettingsView> {
  return api.get<AssistSettingsView>('/api/admin/assist-settings');
}

export function saveAssistSettings(body: AssistSettingsBody): Promise<AssistSettingsView> {
  return api.put<AssistSettingsView>('/api/admin/assist-settings', body);
}

export interface AssistCallLog {
  items: AssistCallView[];
  totals: { calls: number; promptTokens: number; completionTokens: number };
}

export function fetchAssistCalls(): Promise<AssistCallLog> {
  return api.get<AssistCallLog>('/api/admin/assist-calls?limit=200');
}
