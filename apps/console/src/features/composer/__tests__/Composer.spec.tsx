import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageView } from '@switchboard/contracts';
import { agent, colleague, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { normalizeTimeline, type TimelineEntry } from '../../../lib/timeline';

const asTimeline = (messages: MessageView[]) =>
  normalizeTimeline({ items: messages.map((m) => ({ ...m, entry: 'message' })) });
import { renderCannedReply, type ComposerKind } from '../api/composer-api';
import { Composer } from '../components/Composer';

const ticket = {
  ...makeTicket({ number: 1042, subject: 'Broken kettle' }),
  contact: { id: 'c1', name: 'Carla Marquez' },
};

function message(overrides: Partial<MessageView>): MessageView {
  return {
    id: 'm-1',
    ticketId: ticket.id,
    direction: 'in',
    kind: 'message',
    channel: 'email',
    authorId: null,
    authorName: 'Carla Marquez',
    text: 'My kettle is broken',
    html: null,
    deliveryState: null,
    deliveryError: null,
    externalId: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

function Harness({
  entries,
  initialKind = 'reply',
}: {
  entries: TimelineEntry[];
  initialKind?: ComposerKind;
}) {
  const [kind, setKind] = useState<ComposerKind>(initialKind);
  return <Composer ticket={ticket} entries={entries} kind={kind} onKindChange={setKind} />;
}

function postRoute() {
  return [
    'POST',
    /\/api\/tickets\/[^/]+\/messages$/,
    (call: { body: unknown }) => ({
      status: 201,
      body: message({
        id: `sent-${Math.random()}`,
        direction: 'out',
        authorId: agent.id,
        text: (call.body as { body: string }).body,
      }),
    }),
  ] as const;
}

describe('Composer', () => {
  it('sends a reply to the customer as kind "reply"', async () => {
    const calls = mockApi([[...postRoute()]]);
    renderWithProviders(<Harness entries={[]} />);
    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'We are on it');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe(`/api/tickets/${ticket.id}/messages`);
    expect(post.body).toEqual({ kind: 'reply', format: 'markdown', body: 'We are on it' });
    expect(post.headers.Authorization).toBeUndefined();
    await screen.findByText('Reply queued for sending.');
  });

  it('writes an internal note as kind "note" from the note tab', async () => {
    const calls = mockApi([[...postRoute()]]);
    renderWithProviders(<Harness entries={[]} />);
    await userEvent.click(screen.getByRole('tab', { name: 'Internal note' }));
    expect(screen.getByRole('tab', { name: 'Internal note' }).getAttribute('aria-selected')).toBe('true');
    await userEvent.type(
      screen.getByLabelText('Internal note', { selector: 'textarea' }),
      'Checked with the warehouse',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'note',
        body: 'Checked with the warehouse',
      }),
    );
  });

  it('refuses to send an empty reply and says why', async () => {
    const calls = mockApi([[...postRoute()]]);
    renderWithProviders(<Harness entries={[]} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(screen.getByRole('alert').textContent).toContain('Write a reply before sending.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('fills canned reply variables with the contact, the agent and the ticket', async () => {
    const looking = {
      id: 'r1',
      title: 'Looking into it',
      body: 'Hi {{contact.first_name}},\n\nYour reference is #{{ticket.number}}.\n\n{{agent.name}}',
    };
    mockApi([['GET', /\/api\/canned-replies$/, { body: { items: [looking] } }]]);
    renderWithProviders(<Harness entries={[]} />);
    await screen.findByRole('option', { name: 'Looking into it' });
    await userEvent.selectOptions(screen.getByLabelText('Insert canned reply'), 'Looking into it');
    const text = (screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement).value;
    expect(text).toContain('Hi Carla,');
    expect(text).toContain('Your reference is #1042.');
    expect(text).toContain(agent.name);
    expect(text).not.toContain('{{');
  });

  it("shows the API's error when sending fails", async () => {
    mockApi([
      [
        'POST',
        /messages$/,
        { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'body: must not be empty' } },
      ],
    ]);
    renderWithProviders(<Harness entries={[]} />);
    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect((await screen.findByRole('alert')).textContent).toContain('body: must not be empty');
  });

  describe('send guard', () => {
    const first = asTimeline([message({ id: 'm-1' })]);
    const customerAgain = asTimeline([
      message({ id: 'm-1' }),
      message({ id: 'm-2', text: 'Actually it is the lid', createdAt: '2026-11-20T10:05:00.000Z' }),
    ]);

    it('holds a reply when the customer wrote again after the draft began, and sends it on "Review and send"', async () => {
      const calls = mockApi([[...postRoute()]]);
      const { rerender } = renderWithProviders(<Harness entries={first} />);
      await userEvent.type(
        screen.getByLabelText('Reply to the customer'),
        'Please send a photo of the kettle',
      );
      rerender(<Harness entries={customerAgain} />);
      await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));

      const guard = screen.getByRole('alert');
      expect(guard.textContent).toContain('the customer wrote again');
      expect(guard.textContent).toContain('Actually it is the lid');
      expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

      await userEvent.click(screen.getByRole('button', { name: 'Review and send' }));
      await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
      expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
        kind: 'reply',
        format: 'markdown',
        body: 'Please send a photo of the kettle',
      });
    });

    it('discards the draft when the agent chooses to', async () => {
      const calls = mockApi([[...postRoute()]]);
      const { rerender } = renderWithProviders(<Harness entries={first} />);
      await userEvent.type(screen.getByLabelText('Reply to the customer'), 'Old answer');
      rerender(<Harness entries={customerAgain} />);
      await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
      await userEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
      expect((screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement).value).toBe('');
      expect(screen.queryByRole('button', { name: 'Review and send' })).toBeNull();
      expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    });

    it('holds a reply when a colleague answered the customer meanwhile', async () => {
      mockApi([[...postRoute()]]);
      const { rerender } = renderWithProviders(<Harness entries={first} />);
      await userEvent.type(screen.getByLabelText('Reply to the customer'), 'Hello');
      const colleagueReply = message({
        id: 'm-3',
        direction: 'out',
        authorId: colleague.id,
        authorName: colleague.name,
        text: 'I sent a new kettle',
        createdAt: '2026-11-20T10:06:00.000Z',
      });
      rerender(<Harness entries={asTimeline([message({ id: 'm-1' }), colleagueReply])} />);
      await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
      expect(screen.getByRole('alert').textContent).toContain('a colleague replied');
    });

    it('does not hold a reply for messages that were already there, or for internal notes', async () => {
      const calls = mockApi([[...postRoute()]]);
      const { rerender } = renderWithProviders(<Harness entries={first} />);
      await userEvent.type(screen.getByLabelText('Reply to the customer'), 'Hello');
      const note = message({
        id: 'n-1',
        direction: 'out',
        kind: 'note',
        authorId: colleague.id,
        text: 'fyi',
        createdAt: '2026-11-20T10:07:00.000Z',
      });
      rerender(<Harness entries={asTimeline([message({ id: 'm-1' }), note])} />);
      await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
      await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    });
  });
});

describe('renderCannedReply', () => {
  const context = { contact: { name: 'Carla Marquez' }, agent: { name: 'Ana Agent' }, ticket: { number: 7 } };

  it.each([
    ['{{contact.first_name}}', 'Carla'],
    ['{{ agent.name }}', 'Ana Agent'],
    ['#{{ticket.number}}', '#7'],
    ['{{unknown.thing}}', '{{unknown.thing}}'],
  ])('renders %s as %s', (template, expected) => {
    expect(renderCannedReply(template, context)).toBe(expected);
  });

  it('greets "there" when the contact has no name', () => {
    expect(renderCannedReply('Hi {{contact.first_name}}', { ...context, contact: { name: null } })).toBe(
      'Hi there',
    );
  });
});
