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

describe('my macros, for any agent', () => {
  it('an agent creates a personal macro from the picker and then finds it there to apply', async () => {
    const someoneElses = { ...macro('m3', 'Escalate to billing'), ownerId: 'someone-else' };
    let stored: MacroView[] = [...MACROS, someoneElses];
    const calls = mockApi([
      ['GET', /\/api\/macros$/, () => ({ body: { items: stored } })],
      [
        'POST',
        /\/api\/macros$/,
        (call) => {
          const created = { ...macro('m9', ''), ...(call.body as Partial<MacroView>), id: 'm9' };
          stored = [...stored, created];
          return { status: 201, body: created };
        },
      ],
    ]);
    renderWithProviders(<MacroPicker ticketId="t1" ticketNumber={1042} />, { user: agent });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Apply macro' }));
    await user.click(await screen.findByRole('button', { name: 'Manage my macros' }));

    const dialog = await screen.findByRole('dialog', { name: 'My macros' });
    const mine = await within(dialog).findByRole('list', { name: 'My macros' });
    // Only my personal macros: not the shared one, not another agent's.
    expect(
      within(mine)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('strong')?.textContent),
    ).toEqual(['Ask for the order number']);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'New macro' }));
    await user.click(within(dialog).getByRole('button', { name: 'New macro' }));
    const form = within(dialog).getByRole('form', { name: 'New macro' });
    expect(within(form).queryByRole('checkbox', { name: 'Shared with everyone' })).toBeNull();
    await user.type(within(form).getByLabelText('Name'), 'Thanks for waiting');
    await user.type(within(form).getByLabelText('Action 1: reply text'), 'Thank you for your patience.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect((await within(dialog).findByRole('status')).textContent).toBe('Thanks for waiting is saved.');
    await within(mine).findByText('Thanks for waiting');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      {
        name: 'Thanks for waiting',
        shared: false,
        actions: [{ type: 'reply', body: 'Thank you for your patience.' }],
      },
    ]);

    await user.click(within(dialog).getByRole('button', { name: 'Back to applying macros' }));
    const picker = await screen.findByRole('dialog', { name: 'Apply a macro to #1042' });
    const choices = within(picker).getByRole('list', { name: 'Macros' });
    expect(within(choices).getByRole('button', { name: 'Thanks for waiting' })).toBeTruthy();
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
