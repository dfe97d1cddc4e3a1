import type { PatchTicketBody, TicketView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

export interface BulkResult {
  updated: TicketView[];
  failed: { ticketId: string; message: string }[];
}

/**
 * Applies one change to many tickets. The API has no bulk endpoint, so it is one PATCH per
 * ticket, a few at a time; each ticket succeeds or fails on its own and failures are reported.
 */
export async function bulkPatch(
  ticketIds: string[],
  bodyFor: (ticketId: string) => PatchTicketBody,
  concurrency = 4,
): Promise<BulkResult> {
  const result: BulkResult = { updated: [], failed: [] };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ticketIds.length; i = next++) {
      const ticketId = ticketIds[i];
      try {
        result.updated.push(await api.patch<TicketView>(endpoints.ticket(ticketId), bodyFor(ticketId)));
      } catch (error) {
        result.failed.push({ ticketId, message: error instanceof Error ? error.message : 'failed' });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ticketIds.length) }, worker));
  return result;
}
