import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SurveySettingsView } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { renderWithProviders } from '../../../test-support/render';
import SurveySettingsAdmin from '../components/SurveySettingsAdmin';

const SAVED: SurveySettingsView = {
  csat: { enabled: false, delaySeconds: 3600 },
  ces: { enabled: false, mode: 'after_csat' },
  nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
  language: 'en',
  texts: { de: { csatQuestion: 'Wie war es?' } },
  overrides: [{ channelAccountId: '10000000-0000-4000-8000-000000000001', csat: { enabled: false } }],
  linkBaseUrl: 'https://help.example.com',
};

describe('survey settings screen', () => {
  it('turns CSAT on with a delay in minutes and CES instead of it, keeping overrides and texts', async () => {
    const calls = mockApi([
      ['GET', /\/api\/admin\/survey-settings$/, { body: SAVED }],
      ['PUT', /\/api\/admin\/survey-settings$/, (call) => ({ body: { ...SAVED, ...(call.body as object) } })],
    ]);
    renderWithProviders(<SurveySettingsAdmin />);
    const user = userEvent.setup();
    const csat = await screen.findByRole('group', { name: 'CSAT (1–5) after a ticket is solved' });
    expect((screen.getByLabelText('Minutes after the solve') as HTMLInputElement).value).toBe('60');
    await user.click(csat.querySelector('input[type="checkbox"]')!);
    await user.clear(screen.getByLabelText('Minutes after the solve'));
    await user.type(screen.getByLabelText('Minutes after the solve'), '30');
    await user.selectOptions(screen.getByLabelText('When'), 'instead');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      csat: { enabled: true, delaySeconds: 1800 },
      ces: { enabled: false, mode: 'instead' },
      nps: SAVED.nps,
      language: 'en',
      texts: SAVED.texts,
      overrides: SAVED.overrides,
      linkBaseUrl: SAVED.linkBaseUrl,
    });
    expect((await screen.findByRole('status')).textContent).toContain('Survey settings saved.');
  });

  it('shows the reason when the API refuses the settings', async () => {
    mockApi([
      ['GET', /\/api\/admin\/survey-settings$/, { body: SAVED }],
      [
        'PUT',
        /\/api\/admin\/survey-settings$/,
        {
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: 'nps.minDaysBetween: too small' },
        },
      ],
    ]);
    renderWithProviders(<SurveySettingsAdmin />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too small');
  });
});
