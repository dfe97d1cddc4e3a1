import { describe, expect, it } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { agent, makeQueryClient } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { useNameOf } from '../hooks/useDirectory';

const DORA = '00000000-0000-4000-8000-0000000000d0';

describe('names on tickets and events', () => {
  it('a disabled person still has their name, marked "(disabled)", never "Someone"', async () => {
    mockApi([
      ['GET', /\/api\/users$/, { body: { items: [agent] } }],
      ['GET', /\/api\/teams$/, { body: { items: [] } }],
      [
        'GET',
        /\/api\/people\/names$/,
        {
          body: {
            items: [
              { id: agent.id, name: agent.name, active: true },
              { id: DORA, name: 'Dora', active: false },
            ],
          },
        },
      ],
    ]);
    const client = makeQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useNameOf(), { wrapper });
    await waitFor(() => expect(result.current(DORA)).toBe('Dora (disabled)'));
    expect(result.current(agent.id)).toBe(agent.name);
    expect(result.current('00000000-0000-4000-8000-00000000ffff')).not.toBe('Someone');
  });
});
