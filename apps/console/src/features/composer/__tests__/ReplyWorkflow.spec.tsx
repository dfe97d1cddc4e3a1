import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageView, TicketView } from '@switchboard/contracts';
import { agent, colleague, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import type { ComposerKind } from '../api/composer-api';
import { Composer } from '../components/Composer';
import { matchCannedReplies, slashQueryAt } from '../hooks/useSlashCannedReplies';
import { applyFormat } from '../components/FormattingToolbar';
import { describeEvent } from '../../../lib/timeline';

const base = makeTicket({ number: 55, subject: 'Lost parcel' });
const ticket = { ...base, contact: { id: 'c1', name: 'Carla Marquez' } };

const stored = (body: string): MessageView => ({
  id: 'r1',
  ticketId: ticket.id,
  direction: 'out',
  kind: 'message',
  channel: 'email',
  authorId: agent.id,
  authorName: agent.name,
  text: body,
  html: null,
  deliveryState: 'queued',
  deliveryError: null,
  externalId: null,
  createdAt: '2026-11-20T10:00:00.000Z',
});

const canned = [
  { id: 'g', title: 'Greeting', body: 'Hi {{contact.first_name}}!' },
  { id: 'r', title: 'Refund sent', body: 'Your refund for #{{ticket.number}} is on its way.' },
];

function api(assigneeId: string | null): Call[] {
  return mockApi([
    ['GET', /\/api\/canned-replies$/, { body: { items: canned } }],
    ['GET', /\/api\/users$/, { body: { items: [agent, colleague] } }],
    ['POST', /\/messages$/, (call) => ({ status: 201, body: stored((call.body as { body: string }).body) })],
    ['GET', new RegExp(`/api/tickets/${ticket.id}$`), { body: { ...base, assigneeId } }],
    [
      'PATCH',
      new RegExp(`/api/tickets/${ticket.id}$`),
      (call) => ({ body: { ...base, ...(call.body as Partial<TicketView>) } }),
    ],
  ]);
}

function Harness({ onRequestHold }: { onRequestHold?: () => void }) {
  const [kind, setKind] = useState<ComposerKind>('reply');
  return (
    <Composer ticket={ticket} entries={[]} kind={kind} onKindChange={setKind} onRequestHold={onRequestHold} />
  );
}

const box = () => screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement;
const patches = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

describe('Send and set status', () => {
  it('is a menu button the keyboard drives: arrows move, Enter sends and sets pending', async () => {
    const calls = api(agent.id);
    renderWithProviders(<Harness />);
    await userEvent.type(box(), 'Please send a photo');
    const toggle = screen.getByRole('button', { name: 'More ways to send' });
    expect(toggle.getAttribute('aria-haspopup')).toBe('menu');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.focus();
    await userEvent.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Send and set pending',
      'Send and set solved',
      'Send and put on hold',
    ]);
    expect(document.activeElement).toBe(items[0]);
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(items[2]);
    await userEvent.keyboard('{Home}{Enter}');
    await waitFor(() => expect(patches(calls)).toEqual([{ status: 'pending' }]));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ body: 'Please send a photo' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('Enter works on the send buttons even while the queue listens for Enter on the window', async () => {
    const calls = api(agent.id);
    // The queue's single-key shortcuts take an Enter that reaches the window and prevent its default.
    const queueShortcut = (event: KeyboardEvent) => event.key === 'Enter' && event.preventDefault();
    window.addEventListener('keydown', queueShortcut);
    try {
      renderWithProviders(<Harness />);
      await userEvent.type(box(), 'Sent with the keyboard');
      screen.getByRole('button', { name: 'More ways to send' }).focus();
      await userEvent.keyboard('{Enter}');
      expect(screen.getByRole('menu')).toBeTruthy();
      await userEvent.keyboard('{Enter}');
      await waitFor(() => expect(patches(calls)).toEqual([{ status: 'pending' }]));
    } finally {
      window.removeEventListener('keydown', queueShortcut);
    }
  });

  it('Escape closes the menu and gives focus back to its button', async () => {
    api(agent.id);
    renderWithProviders(<Harness />);
    const toggle = screen.getByRole('button', { name: 'More ways to send' });
    await userEvent.click(toggle);
    expect(screen.getByRole('menu')).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('"Send and put on hold" sends, then opens the hold form', async () => {
    const calls = api(agent.id);
    let holdRequested = 0;
    renderWithProviders(<Harness onRequestHold={() => (holdRequested += 1)} />);
    await userEvent.type(box(), 'Checking with the courier');
    await userEvent.click(screen.getByRole('button', { name: 'More ways to send' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Send and put on hold' }));
    await waitFor(() => expect(holdRequested).toBe(1));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(patches(calls)).toEqual([]);
  });

  it('solving an assigned ticket just sets it solved', async () => {
    const calls = api(colleague.id);
    renderWithProviders(<Harness />);
    await userEvent.type(box(), 'All done');
    await userEvent.click(screen.getByRole('button', { name: 'More ways to send' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Send and set solved' }));
    await waitFor(() => expect(patches(calls)).toEqual([{ status: 'solved' }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('solving a ticket nobody is assigned to asks who solved it, me by default', async () => {
    const calls = api(null);
    renderWithProviders(<Harness />);
    await userEvent.type(box(), 'All done');
    await userEvent.click(screen.getByRole('button', { name: 'More ways to send' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Send and set solved' }));
    const dialog = await screen.findByRole('dialog', { name: 'Who solved #55?' });
    const me = within(dialog).getByRole('radio', { name: `${agent.name} (me)` }) as HTMLInputElement;
    expect(me.checked).toBe(true);
    await within(dialog).findByRole('radio', { name: colleague.name });
    expect(patches(calls)).toEqual([]);
    await userEvent.click(within(dialog).getByRole('radio', { name: colleague.name }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark solved' }));
    await waitFor(() => expect(patches(calls)).toEqual([{ status: 'solved', assigneeId: colleague.id }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('"/" searches canned replies', () => {
  it('typing /ref offers "Refund sent"; Enter puts the filled-in reply in place of the /ref', async () => {
    api(agent.id);
    renderWithProviders(<Harness />);
    await screen.findByRole('option', { name: 'Refund sent' }); // the canned-reply select has loaded them
    await userEvent.type(box(), 'Good news. /ref');
    const list = await screen.findByRole('listbox', { name: 'Canned replies' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([expect.stringContaining('Refund sent')]);
    await userEvent.keyboard('{Enter}');
    expect(box().value).toBe('Good news. Your refund for #55 is on its way.');
    expect(screen.queryByRole('listbox', { name: 'Canned replies' })).toBeNull();
  });

  it.each([
    ['/gr', 3, { start: 0, query: 'gr' }],
    ['see /', 5, { start: 4, query: '' }],
    ['and/or', 6, null],
    ['https://x', 9, null],
  ])('slashQueryAt(%j, %i)', (text, caret, expected) => {
    expect(slashQueryAt(text, caret)).toEqual(expected);
  });

  it('matches title words first, then the reply text', () => {
    expect(matchCannedReplies(canned, 'sent').map((r) => r.id)).toEqual(['r']);
    expect(matchCannedReplies(canned, 'way').map((r) => r.id)).toEqual(['r']);
    expect(matchCannedReplies(canned, 'gre').map((r) => r.id)).toEqual(['g']);
  });
});

describe('formatting', () => {
  it('the toolbar wraps the selection in markdown and sends the reply as markdown', async () => {
    const calls = api(agent.id);
    renderWithProviders(<Harness />);
    await userEvent.type(box(), 'very important');
    box().setSelectionRange(0, 4);
    await userEvent.click(
      within(screen.getByRole('toolbar', { name: 'Formatting' })).getByRole('button', { name: 'Bold' }),
    );
    expect(box().value).toBe('**very** important');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'reply',
        body: '**very** important',
        format: 'markdown',
      }),
    );
  });

  it.each([
    ['italic', { text: 'a b', start: 2, end: 3 }, 'a _b_'],
    ['bullets', { text: 'one\ntwo', start: 0, end: 7 }, '- one\n- two'],
    ['numbers', { text: 'one\ntwo', start: 0, end: 7 }, '1. one\n2. two'],
    ['link', { text: 'the guide', start: 0, end: 9 }, '[the guide](https://)'],
  ] as const)('%s', (action, edit, expected) => {
    expect(applyFormat(edit, action).text).toBe(expected);
  });
});

describe('assigned by replying', () => {
  it('the timeline says who was assigned, and why', () => {
    const nameOf = (id: string | null | undefined) => (id === agent.id ? agent.name : 'Someone');
    expect(
      describeEvent(
        {
          id: 'e1',
          ticketId: ticket.id,
          type: 'updated',
          actorId: agent.id,
          data: { assigneeId: agent.id, reason: 'replied_while_unassigned' },
          createdAt: '2026-11-20T10:00:00Z',
        },
        nameOf,
      ),
    ).toBe(`${agent.name} was assigned the ticket by replying while nobody was assigned`);
  });
});
