import type { TransferBody } from '@switchboard/contracts';
import { api, ApiError } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

export function transferTicket(ticketId: string, body: TransferBody): Promise<unknown> {
  return api.post(endpoints.transfer(ticketId), body);
}

const ACK_KEY = 'switchboard.acknowledged-handoffs';

export function locallyAcknowledged(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(ACK_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** Marks a handoff as read; where the API has no such endpoint yet, remembers it in this browser. */
export async function acknowledgeHandoff(ticketId: string, eventId: string): Promise<void> {
  try {
    await api.post(endpoints.acknowledgeTransfer(ticketId));
  } catch (error) {
    if (!(error instanceof ApiError && (error.status === 404 || error.status === 405))) throw error;
    const acknowledged = locallyAcknowledged();
    acknowledged.add(eventId);
    localStorage.setItem(ACK_KEY, JSON.stringify([...acknowledged].slice(-500)));
  }
}

export interface HandoffParts {
  wants: string;
  tried: string;
  next: string;
}

// The note is stored once and read by whoever takes over, so its headings are fixed English.
/* eslint-disable i18next/no-literal-string */
export function composeHandoffNote(parts: HandoffParts): string {
  return [
    ['The customer wants', parts.wants],
    ['What was tried', parts.tried],
    ['What comes next', parts.next],
  ]
    .filter(([, text]) => text.trim())
    .map(([label, text]) => `${label}: ${text.trim()}`)
    .join('\n');
}
/* eslint-enable i18next/no-literal-string */
