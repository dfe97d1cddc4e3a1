import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TicketView } from '@switchboard/contracts';
import { agent, colleague, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import { TicketHeader } from '../../tickets/components/TicketHeader';

function api(ticket: TicketView): Call[] {
  return mockApi([
    ['GET', /\/api\/users$/, { body: { items: [agent, colleague] } }],
    [
      'PATCH',
      new RegExp(`/api/tickets/${ticket.id}$`),
      (call) => ({ body: { ...ticket, ...(call.body as Partial<TicketView>) } }),
    ],
  ]);
}

function header(ticket: TicketView) {
  renderWithProviders(
    <TicketHeader
      ticket={ticket as never}
      me={agent}
      nameOf={(id) => id ?? 'Someone'}
      onHold={() => undefined}
      onResume={() => undefined}
      onTransfer={() => undefined}
    />,
  );
}

const patches = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

describe('Solve in the ticket header', () => {
  it('asks who solved a ticket nobody is assigned to, me by default', async () => {
    const ticket = makeTicket({ number: 321, assigneeId: null });
    const calls = api(ticket);
    header(ticket);
    await userEvent.click(screen.getByRole('button', { name: 'Solve' }));
    const dialog = screen.getByRole('dialog', { name: 'Who solved #321?' });
    expect(
      (within(dialog).getByRole('radio', { name: `${agent.name} (me)` }) as HTMLInputElement).checked,
    ).toBe(true);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark solved' }));
    await waitFor(() => expect(patches(calls)).toEqual([{ status: 'solved', assigneeId: agent.id }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('choosing "solved" in the status list asks too; Cancel changes nothing', async () => {
    const ticket = makeTicket({ number: 322, assigneeId: null });
    const calls = api(ticket);
    header(ticket);
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'solved');
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(patches(calls)).toEqual([]);
  });

  it('the e shortcut asks the same way', async () => {
    const ticket = makeTicket({ number: 324, assigneeId: null });
    const calls = api(ticket);
    header(ticket);
    await userEvent.keyboard('e');
    const dialog = screen.getByRole('dialog', { name: 'Who solved #324?' });
    await userEvent.click(within(dialog).getByRole('radio', { name: colleague.name }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark solved' }));
    await waitFor(() => expect(patches(calls)).toEqual([{ status: 'solved', assigneeId: colleague.id }]));
  });

  it('solves an assigned ticket at once', async () => {
    const ticket = makeTicket({ number: 323, assigneeId: colleague.id });
    const calls = api(ticket);
    header(ticket);
    await userEvent.click(screen.getByRole('button', { name: 'Solve' }));
    await waitFor(() => expect(patches(calls)).toEqual([{ status: 'solved' }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
