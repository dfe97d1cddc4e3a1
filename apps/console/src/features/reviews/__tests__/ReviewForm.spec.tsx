import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReviewView } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { renderWithProviders } from '../../../test-support/render';
import { ReviewForm } from '../components/ReviewForm';

const review: ReviewView = {
  id: '20000000-0000-4000-8000-000000000001',
  ticketId: '10000000-0000-4000-8000-000000000001',
  ticketNumber: 1042,
  ticketSubject: 'Logged out again',
  status: 'open',
  agentId: 'a',
  agentName: 'Ana Agent',
  teamId: null,
  teamName: null,
  flags: [
    {
      id: 'f',
      source: 'csat_low',
      reason: 'CSAT 1/5',
      createdBy: null,
      createdAt: '2026-11-20T10:00:00.000Z',
    },
  ],
  categories: [],
  whatWentWrong: null,
  betterNextTime: null,
  coachingNote: null,
  outcome: null,
  reviewerId: null,
  reviewedAt: null,
  acknowledgedAt: null,
  createdAt: '2026-11-20T10:00:00.000Z',
};

describe('review form', () => {
  it('says what is missing, then sends the review as the API expects it', async () => {
    const calls = mockApi([['POST', /\/api\/reviews\//, { body: { ...review, status: 'done' } }]]);
    const onDone = jest.fn();
    renderWithProviders(<ReviewForm review={review} onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Complete review' }));
    expect(await screen.findByText('Choose at least one category.')).toBeTruthy();
    expect(screen.getAllByText('Required.')).toHaveLength(2);
    expect(calls).toHaveLength(0);

    fireEvent.click(screen.getByLabelText('Tone'));
    fireEvent.change(screen.getByLabelText('What happened'), { target: { value: ' Curt reply ' } });
    fireEvent.change(screen.getByLabelText('What we would do better'), {
      target: { value: 'Greet, then answer' },
    });
    fireEvent.change(screen.getByLabelText('Coaching note for the agent'), {
      target: { value: 'Warmer opening' },
    });
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'no_action' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete review' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls[0].url).toBe(`/api/reviews/${review.id}`);
    expect(calls[0].body).toEqual({
      categories: ['tone'],
      whatWentWrong: 'Curt reply',
      betterNextTime: 'Greet, then answer',
      coachingNote: 'Warmer opening',
      outcome: 'no_action',
    });
  });
});
