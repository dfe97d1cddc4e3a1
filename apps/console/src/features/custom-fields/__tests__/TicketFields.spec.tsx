import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CustomFieldView, TicketView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import { TicketHeader } from '../../tickets/components/TicketHeader';
import { TicketFields } from '../components/TicketFields';

const field = (
  f: Partial<CustomFieldView> & Pick<CustomFieldView, 'key' | 'label' | 'type'>,
): CustomFieldView => ({
  id: f.key,
  entity: 'ticket',
  options: [],
  requiredToSolve: false,
  order: 0,
  ...f,
});

const FIELDS = [
  field({ key: 'plan', label: 'Plan', type: 'select', options: ['basic', 'pro'] }),
  field({ key: 'order_id', label: 'Order ID', type: 'text', requiredToSolve: true }),
  field({ key: 'seats', label: 'Seats', type: 'number' }),
  field({ key: 'vip', label: 'VIP', type: 'checkbox' }),
  field({ key: 'addons', label: 'Add-ons', type: 'multiselect', options: ['sso', 'audit'] }),
];

function api(ticket: TicketView, patchReply?: { status: number; body: unknown }): Call[] {
  return mockApi([
    ['GET', /\/api\/custom-fields\?entity=ticket$/, { body: { items: FIELDS } }],
    ['GET', /\/api\/users$/, { body: { items: [agent] } }],
    [
      'PATCH',
      new RegExp(`/api/tickets/${ticket.id}$`),
      (call) => patchReply ?? { body: { ...ticket, ...(call.body as Partial<TicketView>) } },
    ],
  ]);
}

const patches = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

describe('custom fields in the ticket panel', () => {
  it('shows each field with the input its type asks for, and saves an edit as a PATCH of that field', async () => {
    const ticket = makeTicket({ customFields: { plan: 'basic', addons: ['sso'] } });
    const calls = api(ticket);
    renderWithProviders(<TicketFields ticket={ticket} />);

    const plan = (await screen.findByLabelText('Plan')) as HTMLSelectElement;
    expect(plan.value).toBe('basic');
    expect(screen.getByLabelText(/Order ID/)).toHaveProperty('type', 'text');
    expect(screen.getByText('(required to solve)')).toBeTruthy();
    expect(screen.getByLabelText('Seats')).toHaveProperty('type', 'number');
    expect((screen.getByRole('checkbox', { name: 'sso' }) as HTMLInputElement).checked).toBe(true);

    await userEvent.selectOptions(plan, 'pro');
    await waitFor(() => expect(patches(calls)).toEqual([{ customFields: { plan: 'pro' } }]));

    await userEvent.type(screen.getByLabelText('Seats'), '12{Enter}');
    await waitFor(() => expect(patches(calls)).toContainEqual({ customFields: { seats: 12 } }));

    await userEvent.click(screen.getByRole('checkbox', { name: 'audit' }));
    await waitFor(() =>
      expect(patches(calls)).toContainEqual({ customFields: { addons: ['sso', 'audit'] } }),
    );
  });

  it("shows the server's refusal naming the field", async () => {
    const ticket = makeTicket();
    api(ticket, {
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'customFields.seats: must be a number' },
    });
    renderWithProviders(<TicketFields ticket={ticket} />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'VIP' }));
    expect((await screen.findByRole('alert')).textContent).toContain('customFields.seats: must be a number');
  });

  it('edits the subject in the header: Enter saves, Escape keeps the old one', async () => {
    const ticket = makeTicket({ subject: 'Printer on fire' });
    const calls = api(ticket);
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
    await userEvent.click(screen.getByRole('button', { name: 'Edit subject' }));
    await userEvent.keyboard('{Escape}');
    expect(patches(calls)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Edit subject' }));
    const input = screen.getByLabelText('Subject');
    await userEvent.clear(input);
    await userEvent.type(input, 'Printer smoking{Enter}');
    await waitFor(() => expect(patches(calls)).toEqual([{ subject: 'Printer smoking' }]));
  });
});
