import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompleteReviewBody } from '@switchboard/contracts';
import {
  acknowledgeNote,
  completeReview,
  fetchCoachingNotes,
  fetchReviews,
  reviewKeys,
} from '../api/reviews-api';

export const useReviewQueue = (status: 'open' | 'done', enabled = true) =>
  useQuery({
    queryKey: reviewKeys.list(status),
    queryFn: () => fetchReviews(status),
    enabled,
    refetchInterval: 30_000,
  });

/** The agent's coaching notes; polled, so a note written meanwhile shows up without a reload. */
export const useCoachingNotes = () =>
  useQuery({ queryKey: reviewKeys.coaching(), queryFn: fetchCoachingNotes, refetchInterval: 30_000 });

export function useCompleteReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CompleteReviewBody }) => completeReview(id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.all() }),
  });
}

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => acknowledgeNote(id),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.coaching() }),
  });
}
