import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AssistSettingsView } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { renderWithProviders } from '../../../test-support/render';
import AssistAdmin from '../components/AssistAdmin';

const TEAM = { id: '30000000-0000-4000-8000-000000000009', name: 'Billing' };
const OFF: AssistSettingsView = {
  enabled: false,
  baseUrl: null,
  model: null,
  apiKeySet: true,
  maskPersonalData: true,
  disabledTeamIds: [],
  timeoutSeconds: 30,
  acknowledgementArticles: false,
  linkBaseUrl: 'https://help.example.com',
};
const CALLS = {
  items: [
    {
      id: 'c1',
      user: { id: 'u1', name: 'Ada' },
      ticket: { id: 't1', number: 1042 },
      purpose: 'summary',
      model: 'llama3.1',
      outcome: 'ok',
      error: null,
      promptTokens: 321,
      completionTokens: 27,
      durationMs: 800,
      createdAt: '2026-12-01T10:00:00.000Z',
    },
  ],
  totals: { calls: 1, promptTokens: 321, completionTokens: 27 },
};

describe('Admin → AI assist', () => {
  it('enables assist with an endpoint, keeps the stored key when left empty, turns it off for a team, and lists the calls', async () => {
    const calls = mockApi([
      ['GET', /\/api\/admin\/assist-settings$/, { body: OFF }],
      ['PUT', /\/api\/admin\/assist-settings$/, (call) => ({ body: { ...OFF, ...(call.body as object) } })],
      ['GET', /\/api\/admin\/assist-calls/, { body: CALLS }],
      ['GET', /\/api\/teams/, { body: { items: [TEAM] } }],
    ]);
    renderWithProviders(<AssistAdmin />);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Enable AI assist'));
    await user.type(screen.getByLabelText('API address'), 'http://ollama.internal:11434/v1');
    await user.type(screen.getByLabelText('Model'), 'llama3.1');
    expect(screen.getByText('A key is stored. Leave empty to keep it.')).toBeTruthy();
    await user.click(await screen.findByLabelText('Turn off for Billing'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      enabled: true,
      baseUrl: 'http://ollama.internal:11434/v1',
      model: 'llama3.1',
      maskPersonalData: true,
      disabledTeamIds: [TEAM.id],
      timeoutSeconds: 30,
      acknowledgementArticles: false,
      linkBaseUrl: 'https://help.example.com',
    });

    const log = screen.getByRole('table', { name: 'Calls' });
    const row = within(log).getByText('#1042').closest('tr')!;
    expect(within(row).getByText('Ada')).toBeTruthy();
    expect(within(row).getByText('Summary')).toBeTruthy();
    expect(within(row).getByText('321')).toBeTruthy();
    expect(within(row).getByText('27')).toBeTruthy();
  });
});
