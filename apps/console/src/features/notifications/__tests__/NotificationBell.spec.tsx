import { describe, expect, it } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AgentServerEvents, NotificationView } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { NotificationBell } from '../components/NotificationBell';

type Listener = (e: AgentServerEvents['notification.created']) => void;

const older: NotificationView = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'assignment',
  ticketId: '10000000-0000-4000-8000-000000000001',
  text: 'ana assigned #1001 Refund to you',
  createdAt: '2026-12-05T10:00:00Z',
  readAt: null,
};
const newer: NotificationView = {
  id: '00000000-0000-4000-8000-000000000002',
  kind: 'mention',
  ticketId: '10000000-0000-4000-8000-000000000002',
  text: 'ben mentioned you on #1002 Invoice: @you look',
  createdAt: '2026-12-05T10:05:00Z',
  readAt: null,
};

/** A hand-driven `notification.created` source in place of the live socket. */
function liveSource() {
  const listeners = new Set<Listener>();
  return {
    subscribe: (l: Listener) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    emit: (e: AgentServerEvents['notification.created']) => listeners.forEach((l) => l(e)),
  };
}

describe('the notification bell', () => {
  it('names the unread count, and a live notification raises it and tops the list', async () => {
    mockApi([['GET', /\/api\/notifications$/, { body: { items: [older], unread: 1 } }]]);
    const source = liveSource();
    render(<NotificationBell subscribe={source.subscribe} />);
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    act(() => source.emit({ notification: newer, unread: 2 }));
    expect(screen.getByRole('button', { name: 'Notifications, 2 unread' })).toBe(bell);
    fireEvent.click(bell);
    const list = screen.getByRole('list', { name: 'Your notifications' });
    const links = within(list).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([newer.text, older.text]);
    expect(links[0].getAttribute('href')).toBe(`#/tickets/${newer.ticketId}`);
  });

  it('marks one read, then all read, and says so in the bell', async () => {
    const calls = mockApi([
      ['GET', /\/api\/notifications$/, { body: { items: [newer, older], unread: 2 } }],
      [
        'POST',
        /\/api\/notifications\/read$/,
        (call) => ({ body: { unread: 'all' in (call.body as object) ? 0 : 1 } }),
      ],
    ]);
    render(<NotificationBell subscribe={liveSource().subscribe} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    fireEvent.click(screen.getByRole('button', { name: `Mark read: ${older.text}` }));
    await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(screen.queryByRole('button', { name: `Mark read: ${older.text}` })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    await screen.findByRole('button', { name: 'Notifications' });
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { ids: [older.id] },
      { all: true },
    ]);
  });

  it('opening a notification marks it read; Escape closes the panel and returns focus to the bell', async () => {
    const calls = mockApi([
      ['GET', /\/api\/notifications$/, { body: { items: [newer], unread: 1 } }],
      ['POST', /\/api\/notifications\/read$/, { body: { unread: 0 } }],
    ]);
    render(<NotificationBell subscribe={liveSource().subscribe} />);
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    fireEvent.click(bell);
    fireEvent.click(screen.getByRole('link', { name: newer.text }));
    await screen.findByRole('button', { name: 'Notifications' });
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ ids: [newer.id] }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(bell);
    fireEvent.keyDown(screen.getByRole('dialog', { name: 'Notifications' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(bell);
  });

  it('preferences save per kind at once', async () => {
    const prefs = {
      mention: { inApp: true, email: true },
      assignment: { inApp: true, email: true },
      transfer: { inApp: true, email: true },
      hold_expired: { inApp: true, email: true },
      sla_warning: { inApp: true, email: true },
      sla_breach: { inApp: true, email: true },
      sla_escalation: { inApp: true, email: true },
      rule: { inApp: true, email: true },
    };
    const calls = mockApi([
      ['GET', /\/api\/notifications$/, { body: { items: [], unread: 0 } }],
      ['GET', /\/api\/me\/notification-preferences$/, { body: prefs }],
      [
        'PUT',
        /\/api\/me\/notification-preferences$/,
        (call) => ({ body: { ...prefs, ...(call.body as object) } }),
      ],
    ]);
    render(<NotificationBell subscribe={liveSource().subscribe} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications' }));
    expect(screen.getByText('No notifications yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Preferences' }));
    const box = await screen.findByRole('checkbox', { name: 'Mentions by email' });
    fireEvent.click(box);
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(false));
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      { mention: { inApp: true, email: false } },
    ]);
  });
});
