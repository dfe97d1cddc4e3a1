import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RuleView } from '@switchboard/contracts';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import RulesAdmin from '../components/RulesAdmin';

const me = { ...agent, role: 'admin' as const };
const ANA = { id: '00000000-0000-4000-8000-00000000000a', name: 'Ana Agent', email: 'a@x', role: 'agent' };
const rule = (over: Partial<RuleView>): RuleView => ({
  id: 'r1',
  name: 'Rule',
  trigger: 'event',
  events: ['message.received'],
  conditions: {},
  actions: [{ type: 'solve' }],
  order: 0,
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

function api(rules: RuleView[], extra: Parameters<typeof mockApi>[0] = []): Call[] {
  return mockApi([
    ...extra,
    ['GET', /\/api\/admin\/rules$/, { body: { items: rules } }],
    ['GET', /\/api\/users$/, { body: [ANA] }],
    ['GET', /\/api\/teams$/, { body: [] }],
    ['GET', /\/api\/admin\/channel-accounts$/, { body: { items: [] } }],
    [
      'POST',
      /\/api\/admin\/rules$/,
      (call) => ({ status: 201, body: rule({ ...(call.body as object), id: 'new' }) }),
    ],
    ['PATCH', /\/api\/admin\/rules\/\w+$/, (call) => ({ body: rule(call.body as object) })],
    ['DELETE', /\/api\/admin\/rules\/\w+$/, { status: 204 }],
  ]);
}

describe('Admin → Rules', () => {
  it('builds a rule from rows of conditions and actions, and adds it after the last one', async () => {
    const calls = api([rule({ id: 'r1', name: 'Existing', order: 4 })]);
    renderWithProviders(<RulesAdmin />, { user: me });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    const form = screen.getByRole('form', { name: 'New rule' });
    await user.type(within(form).getByLabelText('Name'), 'Refunds');
    await user.click(within(form).getByRole('button', { name: 'Add a condition' }));
    await user.type(within(form).getByLabelText('All, condition 1: value'), 'refund');
    await user.type(within(form).getByLabelText('Action 1: tags'), 'refund, VIP');
    await user.click(within(form).getByRole('button', { name: 'Add an action' }));
    await user.selectOptions(within(form).getByLabelText('Action 2: what'), 'assign');
    await user.selectOptions(within(form).getByLabelText('Action 2: assignee'), 'Ana Agent');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Refunds is saved.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Refunds',
      trigger: 'event',
      events: ['message.received'],
      conditions: { all: [{ field: 'body', op: 'contains', value: 'refund' }] },
      actions: [
        { type: 'add_tags', tags: ['refund', 'vip'] },
        { type: 'assign', agentId: ANA.id },
      ],
      active: true,
      order: 5,
    });
  });

  it('offers "changed" operators only to rules that react to ticket updates', async () => {
    api([]);
    renderWithProviders(<RulesAdmin />, { user: me });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    await user.click(screen.getByRole('button', { name: 'Add a condition' }));
    await user.selectOptions(screen.getByLabelText('All, condition 1: field'), 'status');
    const ops = () =>
      within(screen.getByLabelText('All, condition 1: operator'))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(ops()).toEqual(['is', 'is not']);
    await user.click(screen.getByRole('checkbox', { name: 'Ticket updated' }));
    expect(ops()).toEqual(['is', 'is not', 'changed', 'changed to', 'changed from']);
  });

  it('tests the conditions against open tickets and lists the matches, or says what is wrong', async () => {
    let answer: { status: number; body: unknown } = {
      status: 200,
      body: {
        items: [
          {
            id: 't1',
            number: 1042,
            subject: 'Refund please',
            status: 'open',
            priority: 'normal',
            channel: 'email',
            teamId: null,
            assigneeId: null,
            tags: [],
          },
        ],
        matched: 1,
        scanned: 7,
        complete: true,
      },
    };
    const calls = api([], [['POST', /\/api\/admin\/rules\/preview$/, () => answer]]);
    renderWithProviders(<RulesAdmin />, { user: me });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    await user.click(screen.getByRole('button', { name: 'Add a condition' }));
    await user.type(screen.getByLabelText('All, condition 1: value'), 'refund');
    await user.click(screen.getByRole('button', { name: 'Test against open tickets' }));
    const list = await screen.findByRole('list', { name: 'Matching open tickets' });
    expect(within(list).getByRole('link', { name: '#1042' }).getAttribute('href')).toBe('#/tickets/t1');
    expect(screen.getByText('1 of 7 open tickets matches these conditions now.')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/preview'))?.body).toEqual({
      conditions: { all: [{ field: 'body', op: 'contains', value: 'refund' }] },
    });
    answer = {
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'conditions.all.0.op: bad' },
    };
    await user.click(screen.getByRole('button', { name: 'Test against open tickets' }));
    expect((await screen.findByRole('alert')).textContent).toContain('conditions.all.0.op: bad');
  });

  it('moves a rule up by renumbering, turns one off, and deletes only after confirming', async () => {
    const calls = api([
      rule({ id: 'r1', name: 'First', order: 0 }),
      rule({ id: 'r2', name: 'Second', order: 1 }),
    ]);
    renderWithProviders(<RulesAdmin />, { user: me });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Move Second up' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(
      calls
        .filter((c) => c.method === 'PATCH')
        .map((c) => [c.url.split('/').pop(), c.body])
        .sort(),
    ).toEqual([
      ['r1', { order: 1 }],
      ['r2', { order: 0 }],
    ]);
    await user.click(screen.getByRole('checkbox', { name: 'First is active' }));
    await waitFor(() => expect(calls.some((c) => JSON.stringify(c.body) === '{"active":false}')).toBe(true));

    await user.click(screen.getByRole('button', { name: 'Delete First' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete First?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Delete First' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete First?' })).getByRole('button', { name: 'Delete' }),
    );
    await screen.findByText('First is deleted.');
    expect(calls.find((c) => c.method === 'DELETE')?.url).toMatch(/\/api\/admin\/rules\/r1$/);
  });
});
