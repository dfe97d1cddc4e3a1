import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../../../test-support/render';
import { mockApi } from '../../../../test-support/api-mock';
import SlaAdmin from '../../../admin/components/SlaAdmin';
import AdminScreen from '../../../admin/components/AdminScreen';
import { describeHours, parseHolidayList } from '../components/CalendarsSection';
import { describeStep, formatTarget } from '../components/PoliciesSection';

const teams = [{ id: '00000000-0000-4000-8000-0000000000aa', name: 'Billing' }];
const berlin = {
  id: 'c1',
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  hours: [
    { day: 1, from: '09:00', to: '12:00' },
    { day: 1, from: '13:00', to: '18:00' },
  ],
  holidays: ['2026-12-25'],
};
const policy = {
  id: 'p1',
  name: 'VIP',
  order: 10,
  conditions: { priorities: ['urgent'], tags: ['vip'] },
  calendarId: 'c1',
  targets: { firstResponseSeconds: 3600, nextResponseSeconds: null, resolutionSeconds: 86_400 },
  atRiskShare: 0.8,
  pauseOnHold: true,
  restartOnCustomerAfterSolve: false,
  customerAfterSolveGraceSeconds: 600,
  escalations: [{ on: 'breach', afterMinutes: 30, action: 'raise_priority' }],
  active: true,
};

const planField = {
  id: 'f1',
  entity: 'ticket',
  key: 'plan',
  label: 'Plan',
  type: 'select',
  options: ['free', 'pro', 'enterprise'],
  requiredToSolve: false,
  position: 0,
};

function api(extra: Parameters<typeof mockApi>[0] = []) {
  return mockApi([
    ...extra,
    ['GET', /^\/api\/custom-fields\?entity=ticket$/, { body: { items: [planField] } }],
    ['GET', /^\/api\/teams$/, { body: teams }],
    ['GET', /^\/api\/admin\/calendars$/, { body: { items: [berlin] } }],
    ['GET', /^\/api\/admin\/sla-policies$/, { body: { items: [policy] } }],
    [
      'POST',
      /^\/api\/admin\/calendars$/,
      (call) => ({
        status: 201,
        body: { id: 'c2', ...(call.body as object), holidays: ['2026-12-24', '2026-12-25'], warnings: [] },
      }),
    ],
    [
      'POST',
      /^\/api\/admin\/sla-policies$/,
      (call) => ({ status: 201, body: { ...policy, id: 'p2', ...(call.body as object) } }),
    ],
    [
      'PATCH',
      /^\/api\/admin\/sla-policies\/p1$/,
      (call) => ({ body: { ...policy, ...(call.body as object) } }),
    ],
  ]);
}

describe('SLA admin screens', () => {
  it('lists policies in order with their targets, calendar and escalation ladder', async () => {
    api();
    renderWithProviders(<SlaAdmin />);
    const row = await screen.findByTestId('policy-row');
    expect(row.textContent).toContain('VIP');
    expect(row.textContent).toContain('priority urgent and tag vip');
    expect(row.textContent).toContain('1 h');
    expect(row.textContent).toContain('1 d');
    await waitFor(() => expect(row.textContent).toContain('Berlin office'));
    expect(row.textContent).toContain('on breach + 30 min: Raise priority');
    expect((await screen.findByTestId('calendar-row')).textContent).toContain('Mon 09:00–12:00, 13:00–18:00');
  });

  it('deactivates a policy with its toggle', async () => {
    const calls = api();
    renderWithProviders(<SlaAdmin />);
    await userEvent.click(await screen.findByLabelText('VIP active'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ active: false });
  });

  it('creates a calendar with a lunch break, holidays and an iCal file', async () => {
    const calls = api();
    renderWithProviders(<SlaAdmin />);
    const form = await screen.findByRole('form', { name: 'New calendar' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Lisbon');
    const zone = within(form).getByLabelText(/Time zone/);
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Lisbon');
    // Monday: 09:00–18:00 becomes 09:00–12:30 plus 13:30–18:00.
    const monTo = within(form).getAllByLabelText('Mon to')[0];
    await userEvent.clear(monTo);
    await userEvent.type(monTo, '12:30');
    await userEvent.click(
      within(screen.getByTestId('hours-Mon')).getByRole('button', { name: '+ interval' }),
    );
    const [, secondFrom] = within(form).getAllByLabelText('Mon from');
    await userEvent.clear(secondFrom);
    await userEvent.type(secondFrom, '13:30');
    const secondTo = within(form).getAllByLabelText('Mon to')[1];
    await userEvent.clear(secondTo);
    await userEvent.type(secondTo, '18:00');
    await userEvent.type(within(form).getByLabelText(/Holidays/), '2026-12-25');
    const ics = new File(
      ['BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\nEND:VEVENT\nEND:VCALENDAR\n'],
      'holidays.ics',
      { type: 'text/calendar' },
    );
    await userEvent.upload(within(form).getByLabelText(/iCal file/), ics);
    await screen.findByText(/holidays.ics/);
    await userEvent.click(within(form).getByRole('button', { name: 'Create calendar' }));
    await screen.findByText(/Calendar "Lisbon" created with 2 holiday/);
    const body = calls.find((c) => c.method === 'POST')!.body as {
      name: string;
      timeZone: string;
      hours: unknown[];
      holidays: string[];
      ical: string;
    };
    expect(body.name).toBe('Lisbon');
    expect(body.timeZone).toBe('Europe/Lisbon');
    expect(body.hours).toEqual(
      expect.arrayContaining([
        { day: 1, from: '09:00', to: '12:30' },
        { day: 1, from: '13:30', to: '18:00' },
        { day: 5, from: '09:00', to: '18:00' },
      ]),
    );
    expect(body.holidays).toEqual(['2026-12-25']);
    expect(body.ical).toContain('20261224');
  });

  it('creates a policy with conditions, targets in minutes, pause on hold and an escalation step', async () => {
    const calls = api();
    renderWithProviders(<SlaAdmin />);
    const form = await screen.findByRole('form', { name: 'New policy' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Billing email');
    await userEvent.click(within(form).getByLabelText('Email'));
    await userEvent.click(within(form).getByLabelText('SMS'));
    await userEvent.click(within(form).getByLabelText('Billing'));
    await waitFor(() =>
      expect(within(form).getAllByRole('option', { name: /Berlin office/ }).length).toBe(1),
    );
    await userEvent.selectOptions(within(form).getByLabelText('Calendar'), 'c1');
    const first = within(form).getByLabelText('First response');
    await userEvent.clear(first);
    await userEvent.type(first, '30');
    await userEvent.type(within(form).getByLabelText('Resolution'), '480');
    await userEvent.click(within(form).getByLabelText(/Pause the clocks while on hold/));
    await userEvent.click(within(form).getByRole('button', { name: '+ escalation step' }));
    await userEvent.selectOptions(within(form).getByLabelText('Step 1 action'), 'reassign_team');
    await userEvent.selectOptions(within(form).getByLabelText('Step 1 team'), teams[0].id);
    await userEvent.click(within(form).getByRole('button', { name: 'Create policy' }));
    await screen.findByText('Policy "Billing email" created.');
    const body = calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'Billing email',
      order: 20,
      conditions: { channels: ['email', 'twilio_sms'], teamIds: [teams[0].id] },
      calendarId: 'c1',
      targets: { firstResponseSeconds: 1800, nextResponseSeconds: null, resolutionSeconds: 28_800 },
      atRiskShare: 0.8,
      pauseOnHold: true,
      active: true,
      escalations: [{ on: 'breach', afterMinutes: 0, action: 'reassign_team', teamId: teams[0].id }],
    });
  });

  it('is a section of the admin screen, for admins only', async () => {
    api();
    window.location.hash = '#/admin/sla';
    try {
      const { unmount } = renderWithProviders(<AdminScreen me={{ role: 'admin' }} />);
      const tab = screen.getByRole('link', { name: 'SLA' });
      expect(tab.getAttribute('aria-current')).toBe('page');
      expect(await screen.findByRole('heading', { name: 'SLA policies' })).toBeTruthy();
      unmount();
      renderWithProviders(<AdminScreen me={{ role: 'supervisor' }} />);
      expect(screen.getByRole('alert').textContent).toMatch(/admins/);
    } finally {
      window.location.hash = '';
    }
  });

  it('edits a policy in the same form and saves it whole', async () => {
    const calls = api();
    renderWithProviders(<SlaAdmin />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit VIP' }));
    const form = screen.getByRole('form', { name: 'Edit policy "VIP"' });
    const first = within(form).getByLabelText('First response');
    expect((first as HTMLInputElement).value).toBe('60');
    await userEvent.clear(first);
    await userEvent.type(first, '15');
    await userEvent.click(within(form).getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({
      name: 'VIP',
      order: 10,
      conditions: { priorities: ['urgent'], tags: ['vip'] },
      calendarId: 'c1',
      targets: { firstResponseSeconds: 900, nextResponseSeconds: null, resolutionSeconds: 86_400 },
      pauseOnHold: true,
    });
    await screen.findByRole('form', { name: 'New policy' });
  });

  it('a policy matches a ticket field: picked in the form, shown in the list, kept when edited', async () => {
    const withField = { ...policy, conditions: { ...policy.conditions, customFields: { plan: ['pro'] } } };
    const calls = api([['GET', /^\/api\/admin\/sla-policies$/, { body: { items: [withField] } }]]);
    renderWithProviders(<SlaAdmin />);
    expect(await screen.findByText(/plan pro/)).toBeTruthy();

    await userEvent.click(await screen.findByRole('button', { name: 'Edit VIP' }));
    const form = screen.getByRole('form', { name: 'Edit policy "VIP"' });
    expect((within(form).getByLabelText('Ticket field') as HTMLSelectElement).value).toBe('plan');
    const values = within(form).getByLabelText('Field values (comma separated; one must match)');
    await userEvent.clear(values);
    await userEvent.type(values, 'pro, enterprise');
    await userEvent.click(within(form).getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect((calls.find((c) => c.method === 'PATCH')!.body as { conditions: unknown }).conditions).toEqual({
      priorities: ['urgent'],
      tags: ['vip'],
      customFields: { plan: ['pro', 'enterprise'] },
    });
  });

  it('deletes a policy after asking in place, and shows why the server refuses one in use', async () => {
    const calls = api([
      [
        'DELETE',
        /^\/api\/admin\/sla-policies\/p1$/,
        {
          status: 409,
          body: {
            statusCode: 409,
            error: 'Conflict',
            message: '"VIP" runs the SLA clocks of 2 open tickets: deactivate it first',
          },
        },
      ],
    ]);
    renderWithProviders(<SlaAdmin />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete policy "VIP"' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect((await screen.findByRole('alert')).textContent).toContain('deactivate it first');
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });

  it('edits a calendar, its hours written on the 24-hour clock, and replaces it', async () => {
    const calls = api([
      ['PUT', /^\/api\/admin\/calendars\/c1$/, (call) => ({ body: { ...berlin, ...(call.body as object) } })],
    ]);
    renderWithProviders(<SlaAdmin />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Berlin office' }));
    const form = screen.getByRole('form', { name: 'Edit calendar "Berlin office"' });
    const times = [...within(form).getAllByLabelText(/^Mon (from|to)$/)] as HTMLInputElement[];
    expect(times.map((t) => t.value)).toEqual(['09:00', '12:00', '13:00', '18:00']);
    for (const t of times) expect(t.type).toBe('text');
    await userEvent.click(within(form).getByRole('button', { name: 'Save calendar' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toMatchObject({
      name: 'Berlin office',
      timeZone: 'Europe/Berlin',
      holidays: ['2026-12-25'],
    });
  });

  it('formats hours, holidays, targets and steps readably', () => {
    expect(
      describeHours([
        { day: 7, from: '22:00', to: '24:00' },
        { day: 1, from: '00:00', to: '06:00' },
      ]),
    ).toBe('Mon 00:00–06:00 · Sun 22:00–24:00');
    expect(parseHolidayList('2026-12-26, 2026-12-25\nnot-a-date 2026-12-25')).toEqual([
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(formatTarget(5400)).toBe('1 h 30 min');
    expect(formatTarget(null)).toBe('—');
    expect(
      describeStep(
        { on: 'at_risk', afterMinutes: 0, action: 'notify_supervisors', metrics: ['first_response'] },
        () => 'x',
      ),
    ).toBe('at risk: Notify supervisors (first response)');
  });
});
