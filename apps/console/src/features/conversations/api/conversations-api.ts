import type {
  StartConversationBody,
  StartedConversationView,
  TicketFollowersView,
} from '@switchboard/contracts';
import { apiRequest, api } from '../../../lib/api-client';

export interface StartAccount {
  id: string;
  kind: string;
  name: string;
  teamId: string | null;
}

export interface RecipientOption {
  contactId: string;
  name: string | null;
  kind: string;
  address: string;
}

const followers = (ticketId: string) => `/api/tickets/${encodeURIComponent(ticketId)}/followers`;

export async function fetchStartAccounts(): Promise<StartAccount[]> {
  return (await api.get<{ items: StartAccount[] }>('/api/conversations/accounts')).items;
}

export async function searchRecipients(q: string): Promise<RecipientOption[]> {
  return (
    await api.get<{ items: RecipientOption[] }>(`/api/conversations/recipients?q=${encodeURIComponent(q)}`)
  ).items;
}

/** Opens the ticket and sends its first message; the key makes a retried click start it once. */
export function startConversation(
  body: StartConversationBody,
  idempotencyKey: string,
): Promise<StartedConversationView> {
  return apiRequest<StartedConversationView>('POST', '/api/tickets', body, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function fetchFollowers(ticketId: string): Promise<TicketFollowersView> {
  return api.get<TicketFollowersView>(followers(ticketId));
}

export function setFollowing(ticketId: string, follow: boolean): Promise<TicketFollowersView> {
  return follow
    ? api.post<TicketFollowersView>(followers(ticketId), {})
    : api.delete<TicketFollowersView>(followers(ticketId));
}
