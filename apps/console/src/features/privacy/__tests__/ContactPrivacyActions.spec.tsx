import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { useToast } from '../../../components/Toast';
import { ContactPrivacyActions } from '../components/ContactPrivacyActions';
import RetentionAdmin from '../components/RetentionAdmin';

const CONTACT = {
  id: '20000000-0000-4000-8000-000000000001',
  name: 'Zebulon Quartzfield',
  identities: [{ address: 'zeb@customer.test' }],
};
const admin = { ...agent, role: 'admin' as const };
const supervisor = { ...agent, role: 'supervisor' as const };

function Actions({ role }: { role: 'agent' | 'supervisor' | 'admin' }) {
  const toast = useToast();
  return (
    <>
      <ContactPrivacyActions contact={CONTACT} role={role} toast={toast} />
      {toast.region}
    </>
  );
}

describe('a contact data request in the console', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('agents see neither action; supervisors export but cannot erase', () => {
    mockApi([]);
    const { unmount } = renderWithProviders(<Actions role="agent" />);
    expect(screen.queryByRole('button', { name: 'Export data' })).toBeNull();
    unmount();
    renderWithProviders(<Actions role="supervisor" />, { user: supervisor });
    expect(screen.getByRole('button', { name: 'Export data' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Erase…' })).toBeNull();
  });

  it('Export data downloads the zip of the contact', async () => {
    const calls = mockApi([['GET', /\/api\/contacts\/[^/]+\/export$/, { body: 'PK…' }]]);
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:zip'), revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderWithProviders(<Actions role="admin" />, { user: admin });
    await userEvent.click(screen.getByRole('button', { name: 'Export data' }));
    expect(await screen.findByText('The export was saved as a zip file.')).toBeTruthy();
    expect(saved).toEqual([`contact-${CONTACT.id}.zip`]);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`GET /api/contacts/${CONTACT.id}/export`]);
  });

  it('erasing needs the name typed first, then calls DELETE ?erase=true and reports what went', async () => {
    const calls = mockApi([
      [
        'DELETE',
        /\/api\/contacts\/[^/]+\?erase=true$/,
        {
          body: {
            contactId: CONTACT.id,
            erasedAt: '2026-12-06T00:00:00Z',
            tickets: 2,
            messages: 7,
            identities: 1,
            files: 3,
          },
        },
      ],
    ]);
    renderWithProviders(<Actions role="admin" />, { user: admin });
    await userEvent.click(screen.getByRole('button', { name: 'Erase…' }));
    const confirm = screen.getByRole('button', { name: 'Erase for good' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const field = screen.getByLabelText('Type “Zebulon Quartzfield” to confirm');
    await userEvent.type(field, 'Zebulon');
    expect(confirm.disabled).toBe(true);
    await userEvent.type(field, ' Quartzfield');
    expect(confirm.disabled).toBe(false);
    await userEvent.click(confirm);
    expect(
      await screen.findByText(
        'Contact erased. Tickets kept anonymous: 2; messages erased: 7; files removed: 3.',
      ),
    ).toBeTruthy();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `DELETE /api/contacts/${CONTACT.id}?erase=true`,
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a refused erasure keeps the dialog open with the reason', async () => {
    mockApi([
      [
        'DELETE',
        /\/api\/contacts\//,
        { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'contact not found' } },
      ],
    ]);
    renderWithProviders(<Actions role="admin" />, { user: admin });
    await userEvent.click(screen.getByRole('button', { name: 'Erase…' }));
    await userEvent.type(
      screen.getByLabelText('Type “Zebulon Quartzfield” to confirm'),
      'zebulon quartzfield',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Erase for good' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/contact not found/);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

describe('retention in the admin settings', () => {
  it('shows the stored limits and saves them with PUT; an empty field keeps forever', async () => {
    let retention = {
      deleteClosedTicketsAfterDays: 90 as number | null,
      deleteQuarantineAfterDays: null as number | null,
    };
    const calls = mockApi([
      ['GET', /\/api\/admin\/settings$/, () => ({ body: { threading: {}, retention } })],
      [
        'PUT',
        /\/api\/admin\/settings$/,
        (call) => {
          retention = (call.body as { retention: typeof retention }).retention;
          return { body: { threading: {}, retention } };
        },
      ],
    ]);
    renderWithProviders(<RetentionAdmin />, { user: admin });
    const tickets = (await screen.findByLabelText('Delete closed tickets after (days)')) as HTMLInputElement;
    expect(tickets.value).toBe('90');
    await userEvent.clear(tickets);
    await userEvent.type(tickets, '365');
    await userEvent.type(screen.getByLabelText('Delete quarantined mail after (days)'), '30');
    await userEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(screen.getByText('Retention saved.')).toBeTruthy());
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      retention: { deleteClosedTicketsAfterDays: 365, deleteQuarantineAfterDays: 30 },
    });
    await userEvent.clear(tickets);
    await userEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PUT')[1].body).toEqual({
      retention: { deleteClosedTicketsAfterDays: null, deleteQuarantineAfterDays: 30 },
    });
  });
});
