import { describe, expect, it } from '@jest/globals';
import { act, screen, waitFor } from '@testing-library/react';
import { LiveUpdates } from '../../../lib/live';
import { FakeSocket } from '../../../test-support/fake-socket';
import { mockApi } from '../../../test-support/api-mock';
import { agent, makeQueryClient, makeTicket, renderWithProviders } from '../../../test-support/render';
import { QueueSidebar } from '../components/QueueSidebar';

describe('queue counts update live', () => {
  it('refetch the counts once, shortly after a burst of ticket events', async () => {
    let mine = 3;
    const calls = mockApi([
      [
        'GET',
        /\/api\/queues\/counts$/,
        () => ({ body: { mine, unassigned: 1, all: 4, teams: { [agent.teamIds[0]]: 2 } } }),
      ],
    ]);
    const queryClient = makeQueryClient();
    const socket = new FakeSocket();
    const live = new LiveUpdates({
      queryClient,
      me: agent,
      token: 't',
      connect: () => socket.asSocket(),
      fetchChangedSince: async () => [],
    });
    live.start();
    renderWithProviders(
      <QueueSidebar me={agent} active="mine" onSelect={() => undefined} teamName={() => 'Billing'} />,
      { queryClient },
    );
    expect((await screen.findByTestId('count-mine')).textContent).toBe('3');
    expect(screen.getByTestId(`count-team:${agent.teamIds[0]}`).textContent).toBe('2');

    mine = 5;
    act(() => {
      for (let i = 0; i < 5; i++)
        socket.fire('ticket.created', { ticket: makeTicket({ assigneeId: agent.id }), seq: 1 });
    });
    await waitFor(() => expect(screen.getByTestId('count-mine').textContent).toBe('5'), { timeout: 3000 });
    expect(calls.filter((c) => c.url === '/api/queues/counts')).toHaveLength(2);
    live.stop();
  });
});
