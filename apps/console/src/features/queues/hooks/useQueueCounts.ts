import { useQueries, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listParams, type QueueId } from '../../../lib/ticket-filters';
import { fetchQueueCounts, fetchTicketPage, type QueueCounts } from '../api/ticket-list-api';

const COUNT_PAGE = 200;

/** Which field of `GET /api/queues/counts` counts each fixed queue. */
const COUNT_FIELD: Record<string, Exclude<keyof QueueCounts, 'teams'>> = {
  mine: 'mine',
  unassigned: 'unassigned',
  all: 'all',
  pending: 'pending',
  on_hold: 'onHold',
  solved: 'solved',
  mentions: 'mentions',
};

export interface QueueCount {
  count: number;
  /** True when there are more than `count` (counted from one page only). */
  more: boolean;
}

/**
 * Active tickets per queue: from `GET /api/queues/counts` when the API has it, else from one
 * list page per queue. Live events invalidate these keys, so the numbers move on their own.
 */
export function useQueueCounts(queues: QueueId[]): Partial<Record<QueueId, QueueCount>> {
  const endpoint = useQuery({
    queryKey: [...queryKeys.queueCounts(), 'endpoint'],
    queryFn: fetchQueueCounts,
    retry: false,
  });
  const fallback = endpoint.isSuccess && endpoint.data === null;
  const lists = useQueries({
    queries: queues.map((queue) => {
      const params = listParams({ queue, status: 'active' });
      return {
        queryKey: queryKeys.queueCount(params),
        queryFn: () => fetchTicketPage(params, null, COUNT_PAGE),
        enabled: fallback,
        select: (page: Awaited<ReturnType<typeof fetchTicketPage>>): QueueCount => ({
          count: page.items.length,
          more: Boolean(page.nextCursor),
        }),
      };
    }),
  });
  const counts: Partial<Record<QueueId, QueueCount>> = {};
  if (endpoint.data) {
    const data = endpoint.data;
    for (const queue of queues) {
      const value = queue.startsWith('team:') ? data.teams?.[queue.slice(5)] : data[COUNT_FIELD[queue]];
      if (typeof value === 'number') counts[queue] = { count: value, more: false };
    }
  } else if (fallback) {
    queues.forEach((queue, i) => {
      const result = lists[i]?.data;
      if (result) counts[queue] = result;
    });
  }
  return counts;
}
