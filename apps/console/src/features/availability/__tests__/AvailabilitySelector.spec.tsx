import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { mockApi, type Call } from '../../../test-support/api-mock';
import { agent } from '../../../test-support/render';
import { AvailabilitySelector } from '../components/AvailabilitySelector';

function serve(initial: 'online' | 'away' | 'offline'): Call[] {
  return mockApi([
    ['GET', /\/api\/agents$/, { body: { items: [{ ...agent, availability: initial }] } }],
    [
      'PUT',
      /\/api\/me\/availability$/,
      (call) => ({
        body: {
          userId: agent.id,
          status: (call.body as { status: string }).status,
          changedAt: '2026-12-05T10:00:00Z',
        },
      }),
    ],
  ]);
}

describe('the availability selector in the header', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows the stored status and saves the one the agent picks', async () => {
    const calls = serve('offline');
    render(<AvailabilitySelector me={agent} />);
    const select = await screen.findByLabelText('Your status');
    await waitFor(() => expect((select as HTMLSelectElement).value).toBe('offline'));
    fireEvent.change(select, { target: { value: 'online' } });
    await waitFor(() => expect((select as HTMLSelectElement).value).toBe('online'));
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([{ status: 'online' }]);
  });

  it('turns away after the idle minutes and online again on the next input', async () => {
    const calls = serve('online');
    render(<AvailabilitySelector me={agent} idleMinutes={5} />);
    const select = (await screen.findByLabelText('Your status')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('online'));
    await act(async () => {
      jest.advanceTimersByTime(5 * 60_000);
    });
    await waitFor(() => expect(select.value).toBe('away'));
    fireEvent.keyDown(window, { key: 'a' });
    await waitFor(() => expect(select.value).toBe('online'));
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      { status: 'away' },
      { status: 'online' },
    ]);
  });

  it('leaves an away the agent chose by hand alone when they come back', async () => {
    const calls = serve('away');
    render(<AvailabilitySelector me={agent} idleMinutes={5} />);
    const select = (await screen.findByLabelText('Your status')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('away'));
    fireEvent.keyDown(window, { key: 'a' });
    await act(async () => {
      jest.advanceTimersByTime(10 * 60_000);
    });
    expect(select.value).toBe('away');
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });
});
