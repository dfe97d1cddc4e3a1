import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AdminTeamView, AdminUserView } from '@switchboard/contracts';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import RoutingAdmin from '../components/RoutingAdmin';

const me = { ...agent, role: 'admin' as const };
const SUPPORT: AdminTeamView = {
  id: 'team-support',
  name: 'Support',
  memberCount: 2,
  assignment: { mode: 'manual', onlyOnline: true },
};
const BEN: AdminUserView = {
  id: 'u-ben',
  email: 'ben@shop.test',
  name: 'Ben Agent',
  role: 'agent',
  teamIds: [SUPPORT.id],
  active: true,
  lastSignInAt: null,
  capacity: { total: 10, perChannel: { email: 8 } },
};

function api() {
  return mockApi([
    ['GET', /\/api\/admin\/teams$/, { body: { items: [SUPPORT] } }],
    ['GET', /\/api\/admin\/users$/, { body: { items: [BEN] } }],
    ['PATCH', /\/api\/admin\/teams\/team-support$/, { body: SUPPORT }],
    ['PATCH', /\/api\/admin\/users\/u-ben$/, { body: BEN }],
  ]);
}

describe('Admin → Routing', () => {
  it("sets a team's assignment mode, online rule and hourly limit", async () => {
    const calls = api();
    renderWithProviders(<RoutingAdmin />, { user: me });
    const user = userEvent.setup();
    const team = await screen.findByRole('group', { name: 'Support' });
    await user.selectOptions(within(team).getByLabelText('Assignment'), 'balanced');
    await user.click(within(team).getByRole('checkbox', { name: 'Only agents who are online' }));
    await user.type(within(team).getByLabelText('Most per agent per hour'), '12');
    await user.click(within(team).getByRole('button', { name: 'Save assignment of Support' }));
    await screen.findByText('Assignment of Support is saved.');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      assignment: { mode: 'balanced', onlyOnline: false, maxPerHour: 12 },
    });
  });

  it("sets an agent's capacity in total and per channel; a blank field means no limit", async () => {
    const calls = api();
    renderWithProviders(<RoutingAdmin />, { user: me });
    const user = userEvent.setup();
    const ben = await screen.findByRole('group', { name: 'Ben Agent' });
    const total = within(ben).getByLabelText('Total');
    expect((total as HTMLInputElement).value).toBe('10');
    await user.clear(total);
    await user.type(total, '5');
    await user.click(within(ben).getByText('Per channel'));
    await user.clear(within(ben).getByLabelText('Ben Agent, Email'));
    await user.type(within(ben).getByLabelText('Ben Agent, Web chat'), '2');
    await user.click(within(ben).getByRole('button', { name: 'Save capacity of Ben Agent' }));
    await screen.findByText('Capacity of Ben Agent is saved.');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      capacity: { total: 5, perChannel: { web_chat: 2 } },
    });
  });

  it('shows the reason when the API refuses a value', async () => {
    mockApi([
      ['GET', /\/api\/admin\/teams$/, { body: { items: [] } }],
      ['GET', /\/api\/admin\/users$/, { body: { items: [BEN] } }],
      [
        'PATCH',
        /\/api\/admin\/users\/u-ben$/,
        {
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: 'capacity.total: must be 0 or more' },
        },
      ],
    ]);
    renderWithProviders(<RoutingAdmin />, { user: me });
    const user = userEvent.setup();
    const ben = await screen.findByRole('group', { name: 'Ben Agent' });
    await user.clear(within(ben).getByLabelText('Total'));
    await user.type(within(ben).getByLabelText('Total'), '-1');
    await user.click(within(ben).getByRole('button', { name: 'Save capacity of Ben Agent' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/must be 0 or more/i);
  });
});
