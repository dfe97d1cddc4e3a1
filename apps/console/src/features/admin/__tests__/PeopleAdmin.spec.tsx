import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AdminTeamView, AdminUserView } from '@switchboard/contracts';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import AdminScreen from '../components/AdminScreen';
import PeopleAdmin from '../components/PeopleAdmin';

const me = { ...agent, role: 'admin' as const };
const SUPPORT: AdminTeamView = {
  id: '00000000-0000-4000-8000-0000000000aa',
  name: 'Support',
  memberCount: 1,
};
const BILLING: AdminTeamView = {
  id: '00000000-0000-4000-8000-0000000000bb',
  name: 'Billing',
  memberCount: 0,
};
// The signed-in admin.
const ana: AdminUserView = {
  id: me.id,
  email: 'ana@shop.test',
  name: 'Ana Admin',
  role: 'admin',
  teamIds: [],
  active: true,
  lastSignInAt: null,
};
const ben: AdminUserView = {
  id: 'u-ben',
  email: 'ben@shop.test',
  name: 'Ben Agent',
  role: 'agent',
  teamIds: [SUPPORT.id],
  active: true,
  lastSignInAt: null,
};

type Answer = { status?: number; body?: unknown };

/** An in-memory people API: a PATCH shows in the next list, as the real one does. */
function fakePeopleApi({
  patch,
  disable,
}: {
  patch?: (call: Call) => Answer | undefined;
  disable?: (call: Call) => Answer | undefined;
} = {}) {
  let users = [ana, ben];
  let teams = [SUPPORT, BILLING];
  return mockApi([
    ['GET', /\/api\/admin\/users$/, () => ({ body: { items: users } })],
    ['GET', /\/api\/admin\/teams$/, () => ({ body: { items: teams } })],
    [
      'POST',
      /\/api\/admin\/users$/,
      (call) => {
        const body = call.body as AdminUserView;
        users = [...users, { ...body, id: 'u-new', active: true, lastSignInAt: null }];
        return { status: 201, body: { id: 'u-new' } };
      },
    ],
    [
      'PATCH',
      /\/api\/admin\/users\/[^/]+$/,
      (call) => {
        const refused = patch?.(call);
        if (refused) return refused;
        const id = call.url.split('/').pop();
        users = users.map((u) => (u.id === id ? { ...u, ...(call.body as Partial<AdminUserView>) } : u));
        return { body: users.find((u) => u.id === id) };
      },
    ],
    [
      'POST',
      /\/api\/admin\/users\/[^/]+\/disable$/,
      (call) => {
        const refused = disable?.(call);
        if (refused) return refused;
        const id = call.url.split('/').at(-2);
        users = users.map((u) => (u.id === id ? { ...u, active: false } : u));
        return { body: { reassignedTickets: 2 } };
      },
    ],
    [
      'POST',
      /\/api\/admin\/users\/u-ben\/reset-password$/,
      { status: 201, body: { password: 'Fresh-Pass-98765' } },
    ],
    [
      'POST',
      /\/api\/admin\/teams$/,
      (call) => {
        teams = [...teams, { id: 'team-new', name: (call.body as { name: string }).name, memberCount: 0 }];
        return { status: 201, body: teams.at(-1) };
      },
    ],
    [
      'PATCH',
      /\/api\/admin\/teams\/[^/]+$/,
      (call) => {
        const id = call.url.split('/').pop();
        teams = teams.map((t) => (t.id === id ? { ...t, ...(call.body as { name: string }) } : t));
        return { body: teams.find((t) => t.id === id) };
      },
    ],
  ]);
}

const sent = (calls: Call[], method: string, url: string) =>
  calls.filter((c) => c.method === method && c.url === url).map((c) => c.body);
const rowOf = async (name: string) =>
  (await screen.findByRole('cell', { name })).closest('tr') as HTMLElement;

describe('Admin → People', () => {
  afterEach(() => {
    window.location.hash = '';
    jest.restoreAllMocks();
  });

  it('is a tab of the admin screen listing each person with role, teams and status', async () => {
    fakePeopleApi();
    window.location.hash = '#/admin/people';
    renderWithProviders(<AdminScreen me={me} />, { user: me });
    const table = await screen.findByRole('table', { name: 'People' });
    expect(screen.getByRole('link', { name: 'People' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    await waitFor(() => expect(within(table).getAllByRole('row')[2].textContent).toContain('Support'));
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .slice(0, 5)
            .map((c) => c.textContent),
        ),
    ).toEqual([
      ['Ana Admin (you)', 'ana@shop.test', 'Admin', 'none', 'Active'],
      ['Ben Agent', 'ben@shop.test', 'Agent', 'Support', 'Active'],
    ]);
    expect(screen.getByRole('list').textContent).toContain('Support 1 member');
  });

  it('adds a person with a generated password that is shown once', async () => {
    const calls = fakePeopleApi();
    renderWithProviders(<PeopleAdmin />, { user: me });
    const form = await screen.findByRole('form', { name: 'Add a person' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Cleo New');
    await userEvent.type(within(form).getByLabelText('Email'), 'cleo@shop.test');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'Supervisor');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Billing' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Add person' }));

    const notice = await screen.findByRole('region', { name: 'Password for Cleo New' });
    const [body] = sent(calls, 'POST', '/api/admin/users') as Array<{ password: string }>;
    expect(body).toEqual({
      name: 'Cleo New',
      email: 'cleo@shop.test',
      role: 'supervisor',
      teamIds: [BILLING.id],
      password: expect.stringMatching(/^[A-Za-z2-9]{18}$/),
    });
    expect(notice.textContent).toContain(body.password);
    expect(await screen.findByRole('cell', { name: 'cleo@shop.test' })).toBeTruthy();
    // In view: the notice takes the focus (the form sits far below it), with a Copy button.
    expect(document.activeElement).toBe(notice);
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await userEvent.click(within(notice).getByRole('button', { name: 'Copy the password for Cleo New' }));
    expect(writeText).toHaveBeenCalledWith(body.password);
    expect(within(notice).getByRole('status').textContent).toBe('Copied.');
    await userEvent.click(within(notice).getByRole('button', { name: 'Done' }));
    expect(document.body.textContent).not.toContain(body.password);
  });

  it("changing someone's role and teams sends only what changed", async () => {
    const calls = fakePeopleApi();
    renderWithProviders(<PeopleAdmin />, { user: me });
    await userEvent.click(within(await rowOf('Ben Agent')).getByRole('button', { name: 'Edit Ben Agent' }));
    const editor = screen.getByRole('group', { name: 'Role and teams of Ben Agent' });
    await userEvent.selectOptions(within(editor).getByLabelText('Role'), 'Supervisor');
    await userEvent.click(within(editor).getByRole('checkbox', { name: 'Support' }));
    await userEvent.click(within(editor).getByRole('checkbox', { name: 'Billing' }));
    await userEvent.click(within(editor).getByRole('button', { name: 'Save' }));

    expect(sent(calls, 'PATCH', '/api/admin/users/u-ben')).toEqual([
      { role: 'supervisor', teamIds: [BILLING.id] },
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: 'Role and teams of Ben Agent' })).toBeNull(),
    );
    const row = await rowOf('Ben Agent');
    await waitFor(() =>
      expect(
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent)
          .slice(2, 4),
      ).toEqual(['Supervisor', 'Billing']),
    );
  });

  it('disabling asks where their open tickets go, then sends them to the chosen agent', async () => {
    const calls = fakePeopleApi();
    renderWithProviders(<PeopleAdmin />, { user: me });
    const disableUrl = '/api/admin/users/u-ben/disable';
    await userEvent.click(
      within(await rowOf('Ben Agent')).getByRole('button', { name: 'Disable Ben Agent' }),
    );
    let dialog = screen.getByRole('dialog', { name: 'Disable Ben Agent?' });
    // The focus starts on the safe choice, not on the Disable button.
    expect(document.activeElement).toBe(
      within(dialog).getByRole('radio', { name: "Back to their team's queue" }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sent(calls, 'POST', disableUrl)).toEqual([]);

    await userEvent.click(
      within(await rowOf('Ben Agent')).getByRole('button', { name: 'Disable Ben Agent' }),
    );
    dialog = screen.getByRole('dialog', { name: 'Disable Ben Agent?' });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'To another agent' }));
    await userEvent.selectOptions(within(dialog).getByLabelText('Agent'), 'Ana Admin');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect(sent(calls, 'POST', disableUrl)).toEqual([{ reassignToAgentId: ana.id }]);
    expect((await screen.findByText(/Ben Agent is disabled/)).textContent).toBe(
      'Ben Agent is disabled; 2 open tickets moved to Ana Admin.',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(async () =>
      expect(within(await rowOf('Ben Agent')).getByRole('cell', { name: 'Disabled' })).toBeTruthy(),
    );
  });

  it('sends them back to the team queue by default, and enabling again asks in a dialog', async () => {
    const calls = fakePeopleApi();
    renderWithProviders(<PeopleAdmin />, { user: me });
    await userEvent.click(
      within(await rowOf('Ben Agent')).getByRole('button', { name: 'Disable Ben Agent' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog', { name: 'Disable Ben Agent?' })).getByRole('button', {
        name: 'Disable',
      }),
    );
    expect(sent(calls, 'POST', '/api/admin/users/u-ben/disable')).toEqual([{ reassignToAgentId: null }]);
    await userEvent.click(
      await within(await rowOf('Ben Agent')).findByRole('button', { name: 'Enable Ben Agent' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog', { name: 'Enable Ben Agent?' })).getByRole('button', {
        name: 'Enable',
      }),
    );
    expect(sent(calls, 'PATCH', '/api/admin/users/u-ben')).toEqual([{ active: true }]);
  });

  it('offers no Disable on your own row', async () => {
    fakePeopleApi();
    renderWithProviders(<PeopleAdmin />, { user: me });
    const mine = await rowOf('Ana Admin (you)');
    expect(within(mine).queryByRole('button', { name: /Disable/ })).toBeNull();
    expect(within(await rowOf('Ben Agent')).getByRole('button', { name: 'Disable Ben Agent' })).toBeTruthy();
  });

  it("shows the server's refusal as a sentence, and clears it when the next action starts", async () => {
    fakePeopleApi({
      disable: () => ({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'reassignToAgentId: Ana Admin is disabled; choose an active agent',
        },
      }),
      patch: () => ({
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          message: 'the last active admin cannot be disabled or demoted',
        },
      }),
    });
    renderWithProviders(<PeopleAdmin />, { user: me });
    await userEvent.click(
      within(await rowOf('Ben Agent')).getByRole('button', { name: 'Disable Ben Agent' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Disable Ben Agent?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Ana Admin is disabled; choose an active agent.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    const row = await rowOf('Ben Agent');
    await userEvent.click(within(row).getByRole('button', { name: 'Edit Ben Agent' }));
    const editor = screen.getByRole('group', { name: 'Role and teams of Ben Agent' });
    await userEvent.selectOptions(within(editor).getByLabelText('Role'), 'Admin');
    await userEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The last active admin cannot be disabled or demoted.',
    );
    await userEvent.click(within(row).getByRole('button', { name: 'Edit Ben Agent' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('resets a password after confirmation and shows the new one once', async () => {
    fakePeopleApi();
    renderWithProviders(<PeopleAdmin />, { user: me });
    await userEvent.click(
      within(await rowOf('Ben Agent')).getByRole('button', { name: 'Reset password of Ben Agent' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog', { name: 'Reset the password of Ben Agent?' })).getByRole('button', {
        name: 'Reset password',
      }),
    );
    const notice = await screen.findByRole('region', { name: 'Password for Ben Agent' });
    expect(notice.textContent).toContain('Fresh-Pass-98765');
    expect(notice.textContent).toContain('not shown again');
  });

  it('adds and renames teams', async () => {
    const calls = fakePeopleApi();
    renderWithProviders(<PeopleAdmin />, { user: me });
    await userEvent.type(await screen.findByLabelText('New team name'), 'Returns');
    await userEvent.click(screen.getByRole('button', { name: 'Add team' }));
    expect(sent(calls, 'POST', '/api/admin/teams')).toEqual([{ name: 'Returns' }]);
    await userEvent.click(await screen.findByRole('button', { name: 'Rename Billing' }));
    const input = screen.getByLabelText('New name for Billing');
    await userEvent.clear(input);
    await userEvent.type(input, 'Accounts{Enter}');
    expect(sent(calls, 'PATCH', `/api/admin/teams/${BILLING.id}`)).toEqual([{ name: 'Accounts' }]);
    expect(await screen.findByRole('button', { name: 'Rename Accounts' })).toBeTruthy();
  });
});
