import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { matchesList } from '../../../lib/ticket-filters';
import { mockApi } from '../../../test-support/api-mock';
import type { BlocklistEntry, SpamTicket } from '../api/spam-api';
import BlocklistAdmin from '../components/BlocklistAdmin';
import { FoldedMessages } from '../components/FoldedMessages';
import { SpamButton } from '../components/SpamButton';
import SpamScreen from '../components/SpamScreen';

const spamTicket = (subject: string, preview: string): SpamTicket => ({
  ...makeTicket({ subject }),
  spamAt: '2026-11-20T10:00:00.000Z',
  spamReason: 'blocked_domain',
  preview,
});

describe('spam view', () => {
  it('lists spam with why it is there, searches it, and "Not spam" takes a ticket back to the queues', async () => {
    let spam = [spamTicket('You won', 'Claim your prize'), spamTicket('Cheap watches', 'Best prices')];
    const calls = mockApi([
      [
        'GET',
        /\/api\/spam\/tickets/,
        (call) => {
          const q = new URL(call.url, 'http://x').searchParams.get('q');
          return { body: { items: spam.filter((s) => !q || s.preview?.includes(q)), nextCursor: null } };
        },
      ],
      [
        'DELETE',
        /\/api\/tickets\/[^/]+\/spam$/,
        (call) => {
          spam = spam.filter((s) => !call.url.includes(s.id));
          return { body: { restoredTicketIds: [], stillBlockedBy: [] } };
        },
      ],
    ]);
    renderWithProviders(<SpamScreen />);
    const rows = await screen.findAllByTestId('spam-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('Blocked domain')).toBeTruthy();
    expect(within(rows[0]).getByText('Claim your prize')).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Search subject, sender or text'), 'Best');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(screen.getAllByTestId('spam-row')).toHaveLength(1));
    expect(calls.some((c) => c.url.includes('q=Best'))).toBe(true);

    const watches = spam[1];
    await userEvent.click(screen.getByRole('button', { name: 'Not spam' }));
    await waitFor(() => expect(screen.queryAllByTestId('spam-row')).toHaveLength(0));
    expect(calls).toContainEqual(
      expect.objectContaining({
        method: 'DELETE',
        url: expect.stringContaining(`/api/tickets/${watches.id}/spam`),
      }),
    );
    expect(screen.getByText('No spam here.')).toBeTruthy();
  });

  it('"Mark as spam" asks first, then blocks; a spam ticket offers "Not spam" instead', async () => {
    let spam = false;
    const calls = mockApi([
      [
        'GET',
        /\/api\/tickets\/t1\/spam$/,
        () => ({ body: { ticketId: 't1', spam, spamAt: null, reason: null } }),
      ],
      [
        'POST',
        /\/api\/tickets\/t1\/spam$/,
        () => {
          spam = true;
          return { body: { ticketId: 't1', blocklistEntryId: 'b1' } };
        },
      ],
    ]);
    renderWithProviders(<SpamButton ticketId="t1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Mark as spam' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/The sender is blocked/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark as spam' }));
    await screen.findByRole('button', { name: 'Not spam' });
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});

describe('Admin → Blocklist', () => {
  it('blocks an address, shows why a value is refused, and unblocks after asking', async () => {
    let entries: BlocklistEntry[] = [];
    const calls = mockApi([
      ['GET', /\/api\/admin\/blocklist$/, () => ({ body: { items: entries } })],
      [
        'GET',
        /\/api\/admin\/blocklist\/flood-limit$/,
        () => ({ body: { enabled: true, maxMessages: 30, windowSeconds: 60 } }),
      ],
      [
        'POST',
        /\/api\/admin\/blocklist$/,
        (call) => {
          const body = call.body as { kind: BlocklistEntry['kind']; value: string };
          if (body.kind === 'domain')
            return {
              status: 400,
              body: { statusCode: 400, error: 'Bad Request', message: 'value: a domain such as example.com' },
            };
          const entry = {
            id: 'b1',
            kind: body.kind,
            value: body.value,
            contactName: null,
            createdAt: '2026-11-20T10:00:00.000Z',
            createdBy: 'Ada',
          };
          entries = [entry];
          return { status: 201, body: entry };
        },
      ],
      [
        'DELETE',
        /\/api\/admin\/blocklist\/b1$/,
        () => {
          entries = [];
          return { body: { restoredTicketIds: [] } };
        },
      ],
      ['PUT', /\/api\/admin\/blocklist\/flood-limit$/, (call) => ({ body: call.body })],
    ]);
    renderWithProviders(<BlocklistAdmin />);
    expect(await screen.findByText('Nobody is blocked.')).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('What'), 'domain');
    await userEvent.type(screen.getByLabelText(/^Value/), 'not a domain');
    await userEvent.click(screen.getByRole('button', { name: 'Block' }));
    expect(await screen.findByText(/a domain such as example.com/)).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('What'), 'address');
    await userEvent.clear(screen.getByLabelText(/^Value/));
    await userEvent.type(screen.getByLabelText(/^Value/), 'spammer@junk.test');
    await userEvent.click(screen.getByRole('button', { name: 'Block' }));
    const row = await screen.findByTestId('blocklist-row');
    expect(within(row).getByText('spammer@junk.test')).toBeTruthy();
    expect(calls).toContainEqual(
      expect.objectContaining({ method: 'POST', body: { kind: 'address', value: 'spammer@junk.test' } }),
    );

    await userEvent.click(within(row).getByRole('button', { name: 'Unblock' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Unblock' }));
    expect(await screen.findByText('Nobody is blocked.')).toBeTruthy();

    const max = await screen.findByLabelText('Messages per contact');
    await userEvent.clear(max);
    await userEvent.type(max, '10');
    await userEvent.click(screen.getByRole('button', { name: 'Save limit' }));
    await screen.findByRole('button', { name: 'Saved' });
    expect(calls).toContainEqual(
      expect.objectContaining({ method: 'PUT', body: { enabled: true, maxMessages: 10, windowSeconds: 60 } }),
    );
  });
});

describe('a flood notice on the timeline', () => {
  it('shows the messages it folded only when asked, and only its own', async () => {
    const folded = (id: string, text: string, noticeEventId: string) => ({
      id,
      ticketId: 't1',
      direction: 'in',
      kind: 'message',
      channel: 'api',
      authorId: null,
      authorName: null,
      text,
      html: null,
      deliveryState: null,
      deliveryError: null,
      externalId: id,
      createdAt: '2026-11-20T10:00:00.000Z',
      attachments: [],
      noticeEventId,
    });
    const calls = mockApi([
      [
        'GET',
        /\/api\/tickets\/t1\/folded-messages$/,
        {
          body: {
            items: [folded('m1', 'ping 31', '7'), folded('m2', 'ping 32', '7'), folded('m3', 'later', '9')],
          },
        },
      ],
    ]);
    renderWithProviders(<FoldedMessages ticketId="t1" noticeId="7" />);
    expect(calls).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Show folded messages' }));
    const list = await screen.findByRole('list', { name: '2 folded messages' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('ping 31'), expect.stringContaining('ping 32')]);
    await userEvent.click(screen.getByRole('button', { name: 'Hide folded messages' }));
    expect(screen.queryByRole('list')).toBeNull();
  });
});

describe('live queues', () => {
  it('a ticket a colleague moved to spam leaves every queue at once, and comes back when restored', () => {
    const ticket = makeTicket({ status: 'open', teamId: 'team-1' });
    for (const params of [{ status: 'active' }, { assigneeId: 'none' }, { teamId: 'team-1' }, { q: 'x' }]) {
      expect(matchesList({ ...ticket, spam: true }, params, agent)).toBe(false);
      expect(matchesList({ ...ticket, spam: false }, params, agent)).not.toBe(false);
    }
  });
});
