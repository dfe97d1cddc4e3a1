import type { SurveyResponseView, SurveySettingsBody, SurveySettingsView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

/** The ticket's survey answers, oldest first, each with the agent it is attributed to. */
export async function fetchTicketSurveys(ticketId: string): Promise<SurveyResponseView[]> {
  return (
    await api.get<{ items: SurveyResponseView[] }>(`/api/tickets/${encodeURIComponent(ticketId)}/surveys`)
  ).items;
}

export function fetchSurveySettings(): Promise<SurveySettingsView> {
  return api.get<SurveySettingsView>('/api/admin/survey-settings');
}

export function saveSurveySettings(body: SurveySettingsBody): Promise<SurveySettingsView> {
  return api.put<SurveySettingsView>('/api/admin/survey-settings', body);
}
