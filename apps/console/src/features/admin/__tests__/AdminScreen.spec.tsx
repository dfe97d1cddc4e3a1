import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CannedReplyView } from '@switchboard/contracts';
import { DEFAULT_HOLD_TEMPLATE } from '@switchboard/contracts';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import AdminScreen from '../components/AdminScreen';

const admin = { ...agent, role: 'admin' as const };

/** An in-memory API for canned replies and the hold template, so the screen round-trips for real. */
function fakeAdminApi() {
  let replies: CannedReplyView[] = [
    {
      id: 'r1',
      title: 'Greeting',
      body: 'Hi {{contact.first_name}},',
      updatedAt: '2026-11-20T10:00:00.000Z',
    },
  ];
  let template: { template: string; isDefault: boolean } = {
    template: DEFAULT_HOLD_TEMPLATE,
    isDefault: true,
  };
  let replySettings = { assignOnReply: true };
  const id = (call: Call) => decodeURIComponent(call.url.split('/').pop()!);
  return mockApi([
    ['GET', /\/api\/settings\/reply$/, () => ({ body: replySettings })],
    [
      'PUT',
      /\/api\/admin\/settings\/reply$/,
      (call) => {
        replySettings = call.body as typeof replySettings;
        return { body: replySettings };
      },
    ],
    ['GET', /\/api\/canned-replies$/, () => ({ body: { items: replies } })],
    [
      'POST',
      /\/api\/admin\/canned-replies$/,
      (call) => {
        const body = call.body as { title: string; body: string };
        if (replies.some((r) => r.title.toLowerCase() === body.title.toLowerCase()))
          return {
            status: 409,
            body: {
              statusCode: 409,
              error: 'Conflict',
              message: 'title: a canned reply with this title exists',
            },
          };
        const created = { id: `r${replies.length + 1}`, ...body, updatedAt: '2026-11-21T10:00:00.000Z' };
        replies = [...replies, created];
        return { status: 201, body: created };
      },
    ],
    [
      'PATCH',
      /\/api\/admin\/canned-replies\/[^/]+$/,
      (call) => {
        replies = replies.map((r) => (r.id === id(call) ? { ...r, ...(call.body as object) } : r));
        return { body: replies.find((r) => r.id === id(call)) };
      },
    ],
    [
      'DELETE',
      /\/api\/admin\/canned-replies\/[^/]+$/,
      (call) => {
        replies = replies.filter((r) => r.id !== id(call));
        return { status: 204 };
      },
    ],
    ['GET', /\/api\/settings\/hold-template$/, () => ({ body: template })],
    [
      'PUT',
      /\/api\/admin\/settings\/hold-template$/,
      (call) => {
        template = { template: (call.body as { template: string }).template, isDefault: false };
        return { body: template };
      },
    ],
  ]);
}

describe('AdminScreen', () => {
  it('is for admins only', () => {
    mockApi([]);
    renderWithProviders(<AdminScreen me={agent} />, { user: agent });
    expect(screen.getByRole('alert').textContent).toBe('The admin screen is for admins.');
  });

  it('turns assigning on reply off and on again', async () => {
    const calls = fakeAdminApi();
    renderWithProviders(<AdminScreen me={admin} />, { user: admin });
    const box = screen.getByRole('checkbox', {
      name: /assign a ticket nobody has to the agent who replies/i,
    });
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(true));
    await waitFor(() => expect((box as HTMLInputElement).disabled).toBe(false));
    await userEvent.click(box);
    await screen.findByText('Replies no longer assign tickets.');
    expect((box as HTMLInputElement).checked).toBe(false);
    await userEvent.click(box);
    await screen.findByText('Replies now assign unassigned tickets.');
    expect(
      calls.filter((c) => c.method === 'PUT' && c.url.endsWith('/settings/reply')).map((c) => c.body),
    ).toEqual([{ assignOnReply: false }, { assignOnReply: true }]);
  });

  it('adds, edits and deletes canned replies', async () => {
    const calls = fakeAdminApi();
    renderWithProviders(<AdminScreen me={admin} />, { user: admin });
    const list = screen.getByRole('list', { name: 'Canned replies' });
    await within(list).findByText('Greeting');

    const form = screen.getByRole('heading', { name: 'New canned reply' }).nextElementSibling as HTMLElement;
    await userEvent.type(within(form).getByLabelText('Title'), 'Refund sent');
    await userEvent.type(
      within(form).getByLabelText('Text'),
      'Hi {{{{contact.first_name}}, your refund is on its way.',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Add canned reply' }));
    await within(list).findByText('Refund sent');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      title: 'Refund sent',
      body: 'Hi {{contact.first_name}}, your refund is on its way.',
    });
    expect((within(form).getByLabelText('Title') as HTMLInputElement).value).toBe('');

    await userEvent.click(screen.getByRole('button', { name: 'Edit Refund sent' }));
    const title = within(list).getByDisplayValue('Refund sent');
    await userEvent.clear(title);
    await userEvent.type(title, 'Refund issued');
    await userEvent.click(within(list).getByRole('button', { name: 'Save changes' }));
    await within(list).findByText('Refund issued');
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
      url: '/api/admin/canned-replies/r2',
      body: { title: 'Refund issued', body: 'Hi {{contact.first_name}}, your refund is on its way.' },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Delete Greeting' }));
    await userEvent.click(
      within(screen.getByRole('dialog', { name: 'Delete the canned reply "Greeting"?' })).getByRole(
        'button',
        {
          name: 'Delete',
        },
      ),
    );
    await waitFor(() => expect(within(list).queryByText('Greeting')).toBeNull());
    expect(calls.find((c) => c.method === 'DELETE')!.url).toBe('/api/admin/canned-replies/r1');
  });

  it('says why a canned reply was refused', async () => {
    fakeAdminApi();
    renderWithProviders(<AdminScreen me={admin} />, { user: admin });
    await screen.findByText('Greeting');
    const form = screen.getByRole('heading', { name: 'New canned reply' }).nextElementSibling as HTMLElement;
    await userEvent.click(within(form).getByRole('button', { name: 'Add canned reply' }));
    expect(within(form).getByRole('alert').textContent).toBe('A canned reply needs a title and a text.');
    await userEvent.type(within(form).getByLabelText('Title'), 'greeting');
    await userEvent.type(within(form).getByLabelText('Text'), 'Hello');
    await userEvent.click(within(form).getByRole('button', { name: 'Add canned reply' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'title: a canned reply with this title exists',
    );
  });

  it('edits the hold message template with a live preview', async () => {
    const calls = fakeAdminApi();
    renderWithProviders(<AdminScreen me={admin} />, { user: admin });
    const box = (await screen.findByLabelText('Template')) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe(DEFAULT_HOLD_TEMPLATE));
    expect(screen.getByTestId('hold-template-preview').textContent).toContain(
      'Hi Carla, your request #1042 is on hold',
    );
    await userEvent.clear(box);
    await userEvent.type(box, 'Dear {{{{contact.first_name}}, #{{{{ticket.number}} is paused.');
    expect(screen.getByTestId('hold-template-preview').textContent).toBe('Dear Carla, #1042 is paused.');
    await userEvent.click(screen.getByRole('button', { name: 'Save hold message' }));
    await screen.findByText('Hold message saved.');
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      template: 'Dear {{contact.first_name}}, #{{ticket.number}} is paused.',
    });
  });
});
