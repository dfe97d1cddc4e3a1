import { describe, expect, it, jest } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UserView } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { renderWithProviders } from '../../../test-support/render';
import LessonsReport from '../components/LessonsReport';
import ReviewsScreen from '../components/ReviewsScreen';
import type { LessonsReport as Report } from '../api/lessons-api';

const sue: UserView = {
  id: '00000000-0000-4000-8000-000000000009',
  email: 'sue@example.com',
  name: 'Sue Supervisor',
  role: 'supervisor',
  teamIds: [],
};

const ticket = (n: number) => ({ id: `10000000-0000-4000-8000-00000000000${n}`, number: 1040 + n, url: '' });

const report: Report = {
  range: { from: '', to: '' },
  bucket: 'month',
  rows: [
    {
      period: '2026-10-01',
      teamId: 't1',
      teamName: 'Billing',
      category: 'slow_response',
      count: 1,
      tickets: [ticket(1)],
    },
    {
      period: '2026-11-01',
      teamId: 't1',
      teamName: 'Billing',
      category: 'wrong_answer',
      count: 2,
      tickets: [ticket(2), ticket(3)],
    },
    { period: '2026-11-01', teamId: null, teamName: null, category: 'tone', count: 1, tickets: [ticket(4)] },
  ],
};

describe('lessons report', () => {
  it('counts review categories per team and period, with links to the reviewed tickets', async () => {
    const calls = mockApi([
      ['GET', /\/api\/reports\/lessons\?/, { body: report }],
      ['GET', /\/api\/teams/, { body: [{ id: 't1', name: 'Billing' }] }],
    ]);
    renderWithProviders(<LessonsReport />, { user: sue });
    const billing = await screen.findByRole('table', { name: 'Reviews of Billing by period and category' });
    const wrong = within(billing).getByRole('row', { name: /Wrong answer/ });
    expect(within(wrong).getByRole('cell', { name: '2' })).toBeTruthy();
    expect(within(wrong).getByRole('link', { name: 'Open ticket #1042' }).getAttribute('href')).toBe(
      `#/tickets/${ticket(2).id}`,
    );
    expect(within(wrong).getByRole('link', { name: 'Open ticket #1043' })).toBeTruthy();
    expect(within(billing).getByRole('row', { name: /Slow response/ }).textContent).toContain('October 2026');
    const noTeam = screen.getByRole('table', { name: 'Reviews of (no team) by period and category' });
    expect(within(noTeam).getByRole('row', { name: /Tone/ }).textContent).toContain('November 2026');
    // The chart stacks the categories per month and says so in its table.
    expect(screen.getByRole('img', { name: /Review categories over time/ })).toBeTruthy();

    const url = new URL(calls.find((c) => c.url.startsWith('/api/reports/lessons'))!.url, 'http://x');
    expect(url.searchParams.get('bucket')).toBe('month');
    expect(
      Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!),
    ).toBeGreaterThanOrEqual(90 * 86_400_000);
    await userEvent.selectOptions(screen.getByLabelText('Group by'), 'week');
    await userEvent.selectOptions(screen.getByLabelText('Team'), 't1');
    await waitFor(() => {
      const last = new URL(
        calls.filter((c) => c.url.startsWith('/api/reports/lessons')).at(-1)!.url,
        'http://x',
      );
      expect([last.searchParams.get('bucket'), last.searchParams.get('teamId')]).toEqual(['week', 't1']);
    });
  });

  it('exports the report as CSV and the training cases as JSON lines', async () => {
    const calls = mockApi([
      ['GET', /\/api\/reports\/lessons\?.*format=csv/, { body: 'period,category\r\n' }],
      ['GET', /\/api\/reviews\/training-export\?.*format=jsonl/, { body: '{}\n' }],
      ['GET', /\/api\/reports\/lessons\?/, { body: { ...report, rows: [] } }],
      ['GET', /\/api\/teams/, { body: [] }],
    ]);
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderWithProviders(<LessonsReport />, { user: sue });
    await screen.findByText('No completed reviews in this period.');
    await userEvent.click(screen.getByRole('button', { name: 'Export lessons (CSV)' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Export training cases, personal data masked (JSON lines)' }),
    );
    await waitFor(() => expect(saved).toEqual(['lessons.csv', 'training-cases.jsonl']));
    expect(calls.some((c) => c.url.startsWith('/api/reviews/training-export?'))).toBe(true);
  });

  it('opens from the review queue for supervisors, as its own screen', async () => {
    mockApi([
      ['GET', /\/api\/reports\/lessons\?/, { body: report }],
      ['GET', /\/api\/reviews/, { body: { items: [], unacknowledged: 0 } }],
      ['GET', /\/api\/teams/, { body: [] }],
    ]);
    window.location.hash = '#/reviews';
    renderWithProviders(<ReviewsScreen me={sue} />, { user: sue });
    const link = await screen.findByRole('link', { name: 'Lessons report' });
    expect(link.getAttribute('href')).toBe('#/reviews/lessons');
    act(() => {
      window.location.hash = '#/reviews/lessons';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByRole('heading', { name: 'Lessons from reviews' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Review queue' })).toBeNull();
    window.location.hash = '';
  });
});
