import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { WebhookDeliveryView, WebhookView } from '@switchboard/contracts';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import WebhooksAdmin from '../components/WebhooksAdmin';

const admin = { ...agent, role: 'admin' as const };
const HOOK_ID = '00000000-0000-4000-8000-000000000001';

const offHook: WebhookView = {
  id: HOOK_ID,
  url: 'https://crm.example.com/hooks/switchboard',
  events: ['ticket.created', 'survey.received'],
  description: 'CRM sync',
  allowPrivateTargets: false,
  enabled: false,
  disabledReason: '5 events in a row failed every attempt (last: answered 503)',
  consecutiveFailures: 5,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
};

const failedDelivery: WebhookDeliveryView = {
  id: '00000000-0000-4000-8000-000000000011',
  eventId: 'evt_42',
  event: 'ticket.created',
  status: 'failed',
  attempts: 2,
  nextAttemptAt: null,
  lastStatusCode: 503,
  createdAt: '2026-12-02T09:00:00.000Z',
  deliveredAt: null,
  attemptLog: [
    { attempt: 1, at: '2026-12-02T09:00:00.000Z', statusCode: 503, durationMs: 41, error: 'answered 503' },
    {
      attempt: 2,
      at: '2026-12-02T09:00:10.000Z',
      statusCode: null,
      durationMs: 10000,
      error: 'unreachable: timeout',
    },
  ],
};

/** An in-memory admin API for webhooks, so the screen round-trips for real. */
function fakeWebhooksApi() {
  let hooks: WebhookView[] = [offHook];
  let delivery = failedDelivery;
  return mockApi([
    ['GET', /\/api\/admin\/webhooks$/, () => ({ body: { items: hooks } })],
    [
      'POST',
      /\/api\/admin\/webhooks$/,
      (call) => {
        const body = call.body as { url: string; events: WebhookView['events'] };
        if (body.url.includes('10.0.0.5'))
          return {
            status: 400,
            body: {
              statusCode: 400,
              error: 'Bad Request',
              message:
                'url: 10.0.0.5 resolves to 10.0.0.5, a private address; turn on allowPrivateTargets to send webhooks inside your network',
            },
          };
        const made = {
          ...offHook,
          ...body,
          id: 'new-hook',
          enabled: true,
          disabledReason: null,
          consecutiveFailures: 0,
        };
        hooks = [...hooks, made];
        return { status: 201, body: { ...made, secret: 'whsec_shown_once_123' } };
      },
    ],
    [
      'PATCH',
      /\/api\/admin\/webhooks\/[^/]+$/,
      (call) => {
        const patch = call.body as Partial<WebhookView>;
        hooks = hooks.map((h) =>
          h.id === HOOK_ID
            ? { ...h, ...patch, ...(patch.enabled ? { disabledReason: null, consecutiveFailures: 0 } : {}) }
            : h,
        );
        return { body: hooks.find((h) => h.id === HOOK_ID) };
      },
    ],
    ['GET', /\/deliveries(\?.*)?$/, () => ({ body: { items: [delivery], nextCursor: null } })],
    [
      'POST',
      /\/redeliver$/,
      () => {
        delivery = { ...delivery, status: 'pending', nextAttemptAt: '2026-12-02T11:00:00.000Z' };
        return { body: delivery };
      },
    ],
  ]);
}

describe('Admin → Webhooks', () => {
  it('shows why a webhook was turned off, and its delivery log with each attempt', async () => {
    fakeWebhooksApi();
    renderWithProviders(<WebhooksAdmin />, { user: admin });
    const list = screen.getByRole('list', { name: 'Webhooks' });
    await within(list).findByText('https://crm.example.com/hooks/switchboard');
    expect(within(list).getByRole('alert').textContent).toBe(
      'Turned off: 5 events in a row failed every attempt (last: answered 503)',
    );
    expect(within(list).getByText('Ticket created, Survey answered')).toBeTruthy();

    await userEvent.click(
      screen.getByRole('button', { name: 'Delivery log of https://crm.example.com/hooks/switchboard' }),
    );
    const row = await screen.findByTestId('webhook-delivery');
    expect(within(row).getByText('evt_42')).toBeTruthy();
    expect(within(row).getByText('Failed')).toBeTruthy();
    const attempts = within(row)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(attempts[0]).toMatch(/: 503 in 41 ms answered 503$/);
    expect(attempts[1]).toMatch(/: no answer in 10000 ms unreachable: timeout$/);
    // Off, it cannot redeliver: the button says so by being disabled.
    expect(
      (within(row).getByRole('button', { name: 'Redeliver event evt_42' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('turns a webhook on again and redelivers a failed event', async () => {
    const calls = fakeWebhooksApi();
    renderWithProviders(<WebhooksAdmin />, { user: admin });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit webhook https://crm.example.com/hooks/switchboard' }),
    );
    const form = screen.getByRole('form', { name: 'Edit webhook https://crm.example.com/hooks/switchboard' });
    await userEvent.click(within(form).getByRole('checkbox', { name: 'On' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Webhooks' }).textContent).toContain('On'));
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
      url: `/api/admin/webhooks/${HOOK_ID}`,
      body: { url: offHook.url, events: offHook.events, enabled: true, allowPrivateTargets: false },
    });
    // The secret was left empty: the stored one stays.
    expect(calls.find((c) => c.method === 'PATCH')!.body).not.toHaveProperty('secret');

    await userEvent.click(
      screen.getByRole('button', { name: 'Delivery log of https://crm.example.com/hooks/switchboard' }),
    );
    const redeliver = await screen.findByRole('button', { name: 'Redeliver event evt_42' });
    await waitFor(() => expect((redeliver as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(redeliver);
    await screen.findByText('Queued.');
    await waitFor(() =>
      expect(within(screen.getByTestId('webhook-delivery')).getByText('Pending')).toBeTruthy(),
    );
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
      `/api/admin/webhooks/${HOOK_ID}/deliveries/${failedDelivery.id}/redeliver`,
    ]);
  });

  it('adds a webhook, shows the server’s refusal of a private address, then the secret once', async () => {
    const calls = fakeWebhooksApi();
    renderWithProviders(<WebhooksAdmin />, { user: admin });
    await userEvent.click(await screen.findByRole('button', { name: 'Add webhook' }));
    const form = screen.getByRole('form', { name: 'New webhook' });
    await userEvent.type(within(form).getByLabelText(/^URL/), 'http://10.0.0.5/hook');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Message created' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(
      /a private address; turn on allowPrivateTargets/,
    );

    const url = within(form).getByLabelText(/^URL/);
    await userEvent.clear(url);
    await userEvent.type(url, 'https://hooks.example.org/in');
    await userEvent.click(within(form).getByRole('button', { name: 'Add webhook' }));
    const notice = await screen.findByRole('heading', {
      name: 'Signing secret for https://hooks.example.org/in',
    });
    expect(notice.parentElement!.textContent).toContain('whsec_shown_once_123');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      expect.objectContaining({ url: 'http://10.0.0.5/hook', events: ['ticket.created', 'message.created'] }),
      {
        url: 'https://hooks.example.org/in',
        description: '',
        events: ['ticket.created', 'message.created'],
        allowPrivateTargets: false,
      },
    ]);
    await within(screen.getByRole('list', { name: 'Webhooks' })).findByText('https://hooks.example.org/in');
  });
});
