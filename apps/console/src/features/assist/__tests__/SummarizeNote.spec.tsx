import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { agent, colleague, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { HoldForm } from '../../hold/components/HoldForm';
import { TransferForm } from '../../transfer/components/TransferForm';

const ticketId = '20000000-0000-4000-8000-000000000007';
const SUMMARY = {
  text: 'The customer wants: a refund for order 881\nWhat was tried: checked the payment\nWhat comes next: refund it',
  parts: { customerWants: 'a refund for order 881', tried: 'checked the payment', next: 'refund it' },
};

const value = (label: string) => (screen.getByLabelText(label) as HTMLTextAreaElement).value;

function renderTransfer(assist: boolean) {
  renderWithProviders(
    <TransferForm
      ticketId={ticketId}
      meId={agent.id}
      agents={[agent, colleague]}
      teams={[]}
      assist={assist}
      onDone={() => undefined}
      onCancel={() => undefined}
    />,
  );
}

describe('Summarize beside the transfer and hold notes', () => {
  it('fills the transfer note from the summary without transferring; the agent edits it and sends it', async () => {
    const calls = mockApi([
      ['POST', /\/assist\/summary$/, { body: SUMMARY }],
      ['POST', /\/transfer$/, { body: { ok: true } }],
    ]);
    renderTransfer(true);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Summarize' }));
    await waitFor(() => expect(value('What does the customer want?')).toBe('a refund for order 881'));
    expect(value('What was tried?')).toBe('checked the payment');
    expect(value('What comes next?')).toBe('refund it');
    expect(screen.getByRole('status').textContent).toMatch(/Check and edit it/);
    // Asking for a summary sends nothing: only the summary request went out.
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['POST', `/api/tickets/${ticketId}/assist/summary`],
    ]);

    await user.clear(screen.getByLabelText('What comes next?'));
    await user.type(screen.getByLabelText('What comes next?'), 'Refund it today');
    await user.selectOptions(screen.getByLabelText('Agent'), colleague.name);
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/transfer'))).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/transfer'))!.body).toEqual({
      toAgentId: colleague.id,
      note: [
        'The customer wants: a refund for order 881',
        'What was tried: checked the payment',
        'What comes next: Refund it today',
      ].join('\n'),
    });
  });

  it('puts the whole text in the first field when the provider ignored the note layout', async () => {
    mockApi([
      ['POST', /\/assist\/summary$/, { body: { text: 'Refund wanted; nothing done yet.', parts: null } }],
    ]);
    renderTransfer(true);
    await userEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    await waitFor(() =>
      expect(value('What does the customer want?')).toBe('Refund wanted; nothing done yet.'),
    );
  });

  it('says why when the summary could not be made, and leaves the note as it was', async () => {
    mockApi([
      [
        'POST',
        /\/assist\/summary$/,
        {
          status: 502,
          body: {
            statusCode: 502,
            error: 'Bad Gateway',
            message: 'the AI provider did not answer within 30 s',
          },
        },
      ],
    ]);
    renderTransfer(true);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('What was tried?'), 'Called the bank');
    await user.click(screen.getByRole('button', { name: 'Summarize' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not answer within 30 s/);
    expect(value('What was tried?')).toBe('Called the bank');
  });

  it('shows no Summarize button while assist is off for the ticket', () => {
    const calls = mockApi([]);
    renderTransfer(false);
    expect(screen.queryByRole('button', { name: 'Summarize' })).toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('fills what was done and what is next of a hold note without putting the ticket on hold', async () => {
    const calls = mockApi([['POST', /\/assist\/summary$/, { body: SUMMARY }]]);
    renderWithProviders(
      <HoldForm
        ticketId={ticketId}
        ticket={{ number: 1042, contact: { name: 'Carla Marquez' } }}
        assist
        onDone={() => undefined}
        onCancel={() => undefined}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    await waitFor(() => expect(value('What was done so far?')).toBe('checked the payment'));
    expect(value('What is next?')).toBe('refund it');
    expect(value('Why is it on hold?')).toBe('');
    expect(calls.filter((c) => c.url.endsWith('/hold'))).toHaveLength(0);
  });
});
