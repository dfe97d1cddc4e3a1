import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveySettingsBody } from '@switchboard/contracts';
import { fetchSurveySettings, saveSurveySettings } from '../api/surveys-api';

const surveySettingsKey = ['admin', 'survey-settings'] as const;

export function useSurveySettings() {
  return useQuery({ queryKey: surveySettingsKey, queryFn: fetchSurveySettings, retry: false });
}

export function useSaveSurveySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveySettingsBody) => saveSurveySettings(body),
    onSuccess: (saved) => queryClient.setQueryData(surveySettingsKey, saved),
  });
}
