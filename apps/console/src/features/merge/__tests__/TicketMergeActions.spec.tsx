import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { TicketMergeActions } from '../components/TicketMergeActions';

const source = { id: '20000000-0000-4000-8000-000000000001', number: 1041, status: 'open' };
const target = { id: '20000000-0000-4000-8000-000000000002', number: 1042, subject: 'Refund please' };
const noLinks = { mergedInto: null, mergedFrom: [], splitFrom: null, splitInto: [] };
const preview = {
  source: { id: source.id, number: 1041, subject: 'Kettle leaks' },
  target: { id: target.id, number: 1042, subject: target.subject },
  messages: 3,
  notes: 1,
  attachments: 2,
  events: 4,
  contacts: [
    { id: 'c1', name: 'Kim', becomesParticipant: false },
    { id: 'c2', name: 'Lou', becomesParticipant: true },
  ],
};
const moved = {
  mergeId: 'm1',
  undoableUntil: '2030-01-01T00:00:00Z',
  source: { ...preview.source, status: 'closed' },
  target: { ...preview.target, status: 'open' },
};

describe('Merge into…', () => {
  it('previews what moves, merges, and offers Undo in a toast', async () => {
    const calls = mockApi([
      ['GET', /\/links$/, { body: noLinks }],
      [
        'GET',
        /\/api\/tickets\?/,
        { body: { items: [{ ...target, contact: { id: 'c1', name: 'Kim' } }], nextCursor: null } },
      ],
      ['GET', /merge-preview/, { body: preview }],
      ['POST', /\/merge$/, { body: moved }],
      ['POST', /\/merge\/undo$/, { body: { source: moved.source, target: moved.target } }],
    ]);
    renderWithProviders(<TicketMergeActions ticket={source} entries={[]} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Merge into…' }));
    await userEvent.type(screen.getByLabelText('Find the ticket to merge into'), '1042');
    await userEvent.click(await screen.findByRole('radio', { name: /#1042/ }));
    const what = await screen.findByTestId('merge-preview');
    expect(what.textContent).toContain('3 messages');
    expect(what.textContent).toContain('1 note');
    expect(what.textContent).toContain('2 attachments');
    expect(what.textContent).toContain('Lou (joins as a participant)');
    await userEvent.click(screen.getByRole('button', { name: 'Merge into #1042' }));
    await screen.findByText('#1041 merged into #1042.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ intoTicketId: target.id });
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() =>
      expect(calls.some((c) => c.url.endsWith(`/api/tickets/${source.id}/merge/undo`))).toBe(true),
    );
  });
});
