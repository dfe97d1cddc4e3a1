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
const ana: AdminUserView = {
  id: 'u-ana',
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
function fakePeopleApi({ patch }: { patch?: (call: Call) => Answer | undefined } = {}) {
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
      ['Ana Admin', 'ana@shop.test', 'Admin', 'none', 'Active'],
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

    const notice = await screen.findByRole('status', { name: 'Password for Cleo New' });
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

  it('disables only after confirmation, and can enable again', async () => {
    const calls = fakePeopleApi();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValue(true);
    renderWithProviders(<PeopleAdmin />, { user: me });
    await userEvent.click(
      within(await rowOf('Ben Agent')).getByRole('button', { name: 'Disable Ben Agent' }),
    );
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Disable Ben Agent?'));
    expect(sent(calls, 'PATCH', '/api/admin/users/u-ben')).toEqual([]);

    await userEvent.click(
      within(await rowOf('Ben Agent')).getByRole('button', { name: 'Disable Ben Agent' }),
    );
    expect(sent(calls, 'PATCH', '/api/admin/users/u-ben')).toEqual([{ active: false }]);
    await waitFor(async () =>
      expect(within(await rowOf('Ben Agent')).getByRole('cell', { name: 'Disabled' })).toBeTruthy(),
    );
    await userEvent.click(within(await rowOf('Ben Agent')).getByRole('button', { name: 'Enable Ben Agent' }));
    expect(sent(calls, 'PATCH', '/api/admin/users/u-ben')).toEqual([{ active: false }, { active: true }]);
  });

  it("shows the server's reason when a guard refuses", async () => {
    fakePeopleApi({
      patch: () => ({
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          message: 'you cannot disable or demote yourself; ask another admin',
        },
      }),
    });
    jest.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithProviders(<PeopleAdmin />, { user: me });
    await userEvent.click(
      within(await rowOf('Ana Admin')).getByRole('button', { name: 'Disable Ana Admin' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'you cannot disable or demote yourself; ask another admin',
    );
    expect(within(await rowOf('Ana Admin')).getByRole('cell', { name: 'Active' })).toBeTruthy();
  });

  it('resets a password after confirmation and shows the new one once', async () => {
    fakePeopleApi();
    jest.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithProviders(<PeopleAdmin />, { user: me });
    await userEvent.click(
      within(await rowOf('Ben Agent')).getByRole('button', { name: 'Reset password of Ben Agent' }),
    );
    const notice = await screen.findByRole('status', { name: 'Password for Ben Agent' });
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
