import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import SystemAdmin from '../components/SystemAdmin';
import type { SystemStatus } from '../api/system-api';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

const STATUS: SystemStatus = {
  channels: [
    {
      id: 'c1',
      kind: 'sms',
      name: 'Support SMS',
      active: true,
      lastInboundAt: minutesAgo(3),
      lastSentAt: null,
      lastError: 'provider answered 401: invalid credentials',
      lastErrorAt: minutesAgo(2),
    },
  ],
  outbox: [
    { queue: 'events', backlog: 0, oldestAgeSeconds: 0 },
    { queue: 'outbound', backlog: 4, oldestAgeSeconds: 125 },
  ],
  failedDeliveries: {
    total: 2,
    items: [
      {
        messageId: 'm1',
        ticketId: 't1',
        ticketNumber: 1042,
        channel: 'sms',
        error: 'provider answered 401: invalid credentials',
        failedAt: minutesAgo(2),
      },
    ],
  },
  mailboxes: [
    { accountId: 'e1', name: 'Support mailbox', holder: null, leaseExpiresAt: null, lastFetchAt: null },
  ],
  nodes: [
    {
      id: 'web-1:4242:abc123',
      role: 'web',
      version: '0.1.0',
      host: 'web-1',
      startedAt: minutesAgo(60),
      lastSeenAt: minutesAgo(0),
    },
  ],
};

describe('System screen', () => {
  it('shows channel health, the outbox, mailboxes and nodes, and retries every failed delivery', async () => {
    const calls = mockApi([
      ['GET', /\/api\/admin\/system$/, { body: STATUS }],
      ['POST', /\/api\/admin\/system\/retry-failed$/, { body: { retried: 2, remaining: 0 } }],
    ]);
    renderWithProviders(<SystemAdmin />);
    const channel = await screen.findByRole('listitem', { name: 'Support SMS' });
    expect(within(channel).getByText('provider answered 401: invalid credentials (2m)')).toBeTruthy();
    expect(within(channel).getByText('3m')).toBeTruthy();
    expect(within(channel).getByText('never')).toBeTruthy();
    expect(screen.getByText('4 waiting, oldest 2m ago')).toBeTruthy();
    expect(screen.getByText('2 replies could not be delivered.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ticket #1042' }).getAttribute('href')).toBe('#/tickets/t1');
    expect(screen.getByText('not watched by any node')).toBeTruthy();
    expect(screen.getByText('web-1:4242:abc123')).toBeTruthy();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry all' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/api/admin/system/retry-failed'))).toBe(
        true,
      ),
    );
    expect((await screen.findByRole('status')).textContent).toBe('2 replies are being sent again.');
  });
});
