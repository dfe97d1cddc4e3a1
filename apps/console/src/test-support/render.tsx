import type { ReactElement, ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { TicketView, UserView } from '@switchboard/contracts';
import { SessionContext, type Session } from '../features/auth/hooks/useSession';

export const agent: UserView = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ana@example.com',
  name: 'Ana Agent',
  role: 'agent',
  teamIds: ['00000000-0000-4000-8000-0000000000aa'],
};
export const colleague: UserView = {
  id: '00000000-0000-4000-8000-000000000002',
  email: 'ben@example.com',
  name: 'Ben Colleague',
  role: 'agent',
  teamIds: [],
};

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

export function renderWithProviders(
  ui: ReactElement,
  { user = agent, queryClient = makeQueryClient() }: { user?: UserView; queryClient?: QueryClient } = {},
) {
  const session: Session = {
    user,
    token: 'test-token',
    notice: null,
    checking: false,
    login: async () => null,
    adopt: () => undefined,
    logout: async () => undefined,
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
    </QueryClientProvider>
  );
  return { queryClient, ...render(ui, { wrapper }) };
}

let counter = 0;

export function makeTicket(overrides: Partial<TicketView> = {}): TicketView {
  counter += 1;
  const id = overrides.id ?? `10000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    number: 1000 + counter,
    subject: `Ticket ${counter}`,
    status: 'open',
    priority: 'normal',
    channel: 'email',
    channelAccountId: 'acc',
    contact: { id: 'contact-1', name: 'Carla Customer' },
    assigneeId: null,
    teamId: null,
    tags: [],
    seq: 1,
    lastMessageAt: '2026-11-20T10:00:00.000Z',
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    holdUntil: null,
    sla: { firstResponseDueAt: null, resolutionDueAt: null, breachedAt: null },
    ...overrides,
  };
}
