import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MacroView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { BulkMacroPicker } from '../components/BulkMacroPicker';
import { MacroPicker } from '../components/MacroPicker';

const macro = (id: string, name: string, shared = false): MacroView => ({
  id,
  name,
  shared,
  ownerId: agent.id,
  actions: [{ type: 'add_tags', tags: ['x'] }],
  createdAt: '2026-01-01T00:00:00Z',
});
const MACROS = [macro('m1', 'Refund approved', true), macro('m2', 'Ask for the order number')];

describe('macro picker', () => {
  it('opens with m when the agent is not typing, and applies the chosen macro to the ticket', async () => {
    const calls = mockApi([
      ['GET', /\/api\/macros$/, { body: { items: MACROS } }],
      ['POST', /\/api\/tickets\/t1\/macros\/m2$/, { body: makeTicket({ id: 't1' }) }],
    ]);
    renderWithProviders(
      <>
        <textarea aria-label="Draft" />
        <MacroPicker ticketId="t1" ticketNumber={1042} />
      </>,
      { user: agent },
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Draft'), 'm');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(document.body);
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('m');
    const dialog = await screen.findByRole('dialog', { name: 'Apply a macro to #1042' });
    await user.type(within(dialog).getByLabelText('Find a macro'), 'order');
    await within(dialog).findByRole('button', { name: 'Ask for the order number' });
    expect(within(dialog).queryByRole('button', { name: 'Refund approved' })).toBeNull();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Ask for the order number applied.');
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/api/tickets/t1/macros/m2'))).toBe(true);
  });

  it('keeps the dialog open with the reason when the macro cannot be applied', async () => {
    mockApi([
      ['GET', /\/api\/macros$/, { body: { items: MACROS } }],
      [
        'POST',
        /\/macros\/m1$/,
        {
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: 'status: cannot go from closed to open' },
        },
      ],
    ]);
    renderWithProviders(<MacroPicker ticketId="t1" ticketNumber={7} />, { user: agent });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Apply macro' }));
    await user.click(await screen.findByRole('button', { name: 'Refund approved' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot go from closed to open');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

describe('bulk macro', () => {
  it('applies a macro to every selected ticket and says which ones failed and why', async () => {
    const calls = mockApi([
      ['GET', /\/api\/macros$/, { body: { items: MACROS } }],
      [
        'POST',
        /\/api\/tickets\/bulk\/macros\/m1$/,
        {
          body: {
            results: [
              { ticketId: 'a', ok: true },
              { ticketId: 'b', ok: false, error: 'ticket not found' },
            ],
          },
        },
      ],
    ]);
    renderWithProviders(<BulkMacroPicker ticketIds={['a', 'b']} />, { user: agent });
    const user = userEvent.setup();
    const select = screen.getByLabelText('Apply a macro to the selected tickets');
    await screen.findByRole('option', { name: 'Refund approved' });
    await user.selectOptions(select, 'm1');
    expect((await screen.findByRole('status')).textContent).toBe(
      'Refund approved: applied to 1, not to 1 (ticket not found).',
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ ticketIds: ['a', 'b'] });
  });
});
