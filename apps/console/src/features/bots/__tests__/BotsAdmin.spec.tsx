import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BotFlow, BotView } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { renderWithProviders } from '../../../test-support/render';
import BotsAdmin from '../components/BotsAdmin';
import { flowFromForm, formFromStep } from '../lib/flow-form';

const ACCOUNT = { id: '10000000-0000-4000-8000-000000000001', name: 'Website chat', kind: 'web_chat' };
const TEAM = { id: '20000000-0000-4000-8000-000000000002', name: 'Billing', memberIds: [] };

describe('bots screen', () => {
  it('builds a flow from the step list and sends it; a refused flow shows the reason', async () => {
    const calls = mockApi([
      ['GET', /\/api\/admin\/bots$/, { body: { items: [] } }],
      ['GET', /\/api\/admin\/channel-accounts$/, { body: { items: [ACCOUNT] } }],
      ['GET', /\/api\/admin\/teams$/, { body: { items: [TEAM] } }],
      [
        'POST',
        /\/api\/admin\/bots$/,
        {
          status: 400,
          body: {
            statusCode: 400,
            error: 'Bad Request',
            message: 'flow.steps form a loop: welcome → welcome',
          },
        },
      ],
    ]);
    renderWithProviders(<BotsAdmin />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a bot' }));
    const form = screen.getByRole('form', { name: 'Bot' });
    await user.type(within(form).getByLabelText('Name'), 'Helper');
    await screen.findByRole('option', { name: 'Website chat' });
    await user.selectOptions(within(form).getByLabelText('Channel account'), ACCOUNT.id);

    const first = screen.getByRole('group', { name: 'Step 1' });
    await user.selectOptions(within(first).getByLabelText('What it does'), 'buttons');
    await user.type(within(first).getByLabelText('Text'), 'What is it about?');
    await user.type(within(first).getByLabelText('Buttons'), 'Billing | billing | handoff{enter}Other');
    const second = screen.getByRole('group', { name: 'Step 2' });
    await screen.findAllByRole('option', { name: 'Billing' });
    await user.selectOptions(within(second).getByLabelText('Team'), TEAM.id);
    await user.click(screen.getByRole('button', { name: 'Save bot' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'Helper',
      kind: 'flow',
      channelAccountId: ACCOUNT.id,
      active: true,
      handoffTeamId: null,
      flow: {
        start: 'welcome',
        steps: [
          {
            id: 'welcome',
            type: 'buttons',
            text: 'What is it about?',
            options: [{ label: 'Billing', value: 'billing', next: 'handoff' }, { label: 'Other' }],
          },
          { id: 'handoff', type: 'handoff', teamId: TEAM.id },
        ],
      },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('flow.steps form a loop: welcome → welcome');
  });

  it('shows a saved flow as it was saved', () => {
    const flow: BotFlow = {
      start: 'q',
      steps: [
        {
          id: 'q',
          type: 'ask',
          text: 'Order?',
          saveAs: 'order',
          store: { on: 'ticket', field: 'order_number' },
          pattern: '^\\d+$',
          next: 'b',
        },
        { id: 'b', type: 'branch', on: 'order', cases: [{ equals: '1', next: 'h' }], otherwise: 'h' },
        { id: 'h', type: 'handoff', text: 'Bye' },
      ],
    };
    expect(flowFromForm(flow.start, flow.steps.map(formFromStep))).toEqual(flow);
  });

  it('an AI bot: its kind, answers before a handoff and instructions are sent; a refusal shows the reason', async () => {
    const calls = mockApi([
      ['GET', /\/api\/admin\/bots$/, { body: { items: [] } }],
      ['GET', /\/api\/admin\/channel-accounts$/, { body: { items: [ACCOUNT] } }],
      ['GET', /\/api\/admin\/teams$/, { body: { items: [TEAM] } }],
      [
        'POST',
        /\/api\/admin\/bots$/,
        {
          status: 400,
          body: {
            statusCode: 400,
            error: 'Bad Request',
            message:
              'kind: an active AI bot needs AI assist on for its team (AI assist is off or not configured)',
          },
        },
      ],
    ]);
    renderWithProviders(<BotsAdmin />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a bot' }));
    const form = screen.getByRole('form', { name: 'Bot' });
    await user.type(within(form).getByLabelText('Name'), 'Answer bot');
    await user.selectOptions(within(form).getByLabelText('Kind'), 'ai');
    // The flow's steps give way to the AI bot's own settings.
    expect(screen.queryByRole('group', { name: 'Steps' })).toBeNull();
    const settings = screen.getByRole('group', { name: 'AI bot' });
    await screen.findByRole('option', { name: 'Website chat' });
    await user.selectOptions(within(form).getByLabelText('Channel account'), ACCOUNT.id);
    await screen.findAllByRole('option', { name: 'Billing' });
    await user.selectOptions(within(form).getByLabelText(/Hands off to/), TEAM.id);
    const turns = within(settings).getByLabelText('Answers before a person takes over');
    expect((turns as HTMLInputElement).value).toBe('3');
    await user.clear(turns);
    await user.type(turns, '5');
    await user.type(within(settings).getByLabelText('Instructions for the model'), 'We are Acme. Be brief.');
    await user.click(screen.getByRole('button', { name: 'Save bot' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'Answer bot',
      kind: 'ai',
      channelAccountId: ACCOUNT.id,
      active: true,
      handoffTeamId: TEAM.id,
      ai: { maxTurns: 5, instructions: 'We are Acme. Be brief.' },
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'kind: an active AI bot needs AI assist on for its team (AI assist is off or not configured)',
    );
  });

  it('lists an AI bot by its kind and opens it with its settings', async () => {
    const bot: BotView = {
      id: '30000000-0000-4000-8000-000000000003',
      name: 'Answer bot',
      kind: 'ai',
      channelAccountId: ACCOUNT.id,
      active: true,
      handoffTeamId: TEAM.id,
      flow: null,
      webhookUrl: null,
      ai: { maxTurns: 4, instructions: 'Be warm.' },
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    };
    mockApi([
      ['GET', /\/api\/admin\/bots$/, { body: { items: [bot] } }],
      ['GET', /\/api\/admin\/channel-accounts$/, { body: { items: [ACCOUNT] } }],
      ['GET', /\/api\/admin\/teams$/, { body: { items: [TEAM] } }],
    ]);
    renderWithProviders(<BotsAdmin />);
    const user = userEvent.setup();
    expect(await screen.findByText('AI bot (answers from help articles)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const settings = screen.getByRole('group', { name: 'AI bot' });
    expect(
      (within(settings).getByLabelText('Answers before a person takes over') as HTMLInputElement).value,
    ).toBe('4');
    expect((within(settings).getByLabelText('Instructions for the model') as HTMLTextAreaElement).value).toBe(
      'Be warm.',
    );
  });
});
