import type { CoachingNoteView, CompleteReviewBody, ReviewView } from '@switchboard/contracts';
import { api, toQuery } from '../../../lib/api-client';

export const reviewKeys = {
  all: () => ['reviews'] as const,
  list: (status: 'open' | 'done') => ['reviews', 'list', status] as const,
  coaching: () => ['reviews', 'coaching'] as const,
};

export const fetchReviews = (status: 'open' | 'done') =>
  api.get<{ items: ReviewView[] }>(`/api/reviews${toQuery({ status })}`);
export const completeReview = (id: string, body: CompleteReviewBody) =>
  api.post<ReviewView>(`/api/reviews/${encodeURIComponent(id)}`, body);
export const fetchCoachingNotes = () =>
  api.get<{ items: CoachingNoteView[]; unacknowledged: number }>('/api/reviews/coaching');
export const acknowledgeNote = (id: string) =>
  api.post<CoachingNoteView>(`/api/reviews/${encodeURIComponent(id)}/acknowledge`);
export const flagTicket = (ticketId: string, reason: string) =>
  api.post<ReviewView>(`/api/tickets/${encodeURIComponent(ticketId)}/review-flags`, { reason });
