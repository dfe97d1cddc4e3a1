import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChannelAccountView } from '@switchboard/contracts';
import { setApiToken } from '../../../lib/api-client';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import ChannelsAdmin from '../components/ChannelsAdmin';

const admin = { ...agent, role: 'admin' as const };
const SUPPORT = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Support' };
const BILLING = { id: '00000000-0000-4000-8000-0000000000bb', name: 'Billing' };
// As the API lists it: server settings yes, passwords never.
const mailbox: ChannelAccountView = {
  id: 'acc-email',
  kind: 'email',
  name: 'Support mailbox',
  teamId: SUPPORT.id,
  active: true,
  config: {
    address: 'help@shop.test',
    fromName: 'Shop Help',
    imap: { host: 'imap.shop.test', port: 993, secure: true, user: 'help' },
    smtp: { host: 'smtp.shop.test', port: 465, secure: true, user: 'help' },
    orgDomains: ['acme.test'],
  },
};
const chat: ChannelAccountView = {
  id: 'acc-chat',
  kind: 'web_chat',
  name: 'Site chat',
  teamId: null,
  active: true,
  config: { title: 'Hi there' },
};
const integration: ChannelAccountView = {
  id: 'acc-api',
  kind: 'api',
  name: 'Shop integration',
  teamId: BILLING.id,
  active: true,
  config: {},
};

type Answer = { status?: number; body?: unknown };

/** An in-memory admin API where a PATCH changes what the list shows, as the real one does. */
function fakeApi({ update, rotate }: { update?: (call: Call) => Answer | undefined; rotate?: Answer } = {}) {
  let accounts = [mailbox, chat, integration];
  return mockApi([
    ['GET', /\/api\/teams$/, { body: { items: [SUPPORT, BILLING] } }],
    ['GET', /\/api\/admin\/channel-accounts$/, () => ({ body: { items: accounts } })],
    ['GET', /\/api\/admin\/email-quarantine$/, { body: { items: [] } }],
    [
      'PATCH',
      /\/api\/admin\/channel-accounts\/[^/]+$/,
      (call) => {
        const answer = update?.(call);
        if (answer) return answer;
        const id = call.url.split('/').pop();
        const { config: _config, ...changes } = call.body as Partial<ChannelAccountView>;
        accounts = accounts.map((a) => (a.id === id ? { ...a, ...changes } : a));
        return { body: accounts.find((a) => a.id === id) };
      },
    ],
    ['POST', /\/rotate-key$/, rotate ?? { body: { apiKey: 'sbk_new-key-once' } }],
  ]);
}

const patches = (calls: Call[]) =>
  calls.filter((c) => c.method === 'PATCH').map((c) => ({ url: c.url, body: c.body }));
const editForm = (name: string) => screen.getByRole('form', { name: `Edit ${name}` });
const field = (form: HTMLElement, label: string) =>
  within(form).getByLabelText(label, { exact: false }) as HTMLInputElement;

async function openEdit(name: string) {
  await userEvent.click(await screen.findByRole('button', { name: `Edit ${name}` }));
  return editForm(name);
}

describe('Admin → Channels: editing an account', () => {
  afterEach(() => {
    setApiToken(null);
    jest.restoreAllMocks();
  });

  it('opens the add form prefilled with the stored settings, passwords empty with a hint', async () => {
    fakeApi();
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    const form = await openEdit('Support mailbox');
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Support mailbox');
    expect((within(form).getByLabelText('Team') as HTMLSelectElement).value).toBe(SUPPORT.id);
    expect((within(form).getByLabelText('Kind') as HTMLSelectElement).disabled).toBe(true);
    expect(field(form, 'IMAP server').value).toBe('imap.shop.test');
    expect(field(form, 'IMAP port').value).toBe('993');
    expect(field(form, 'Sender name').value).toBe('Shop Help');
    expect(field(form, 'Organisation domains').value).toBe('acme.test');
    const password = field(form, 'IMAP password');
    expect(password.value).toBe('');
    expect(password.getAttribute('aria-required')).not.toBe('true');
    expect(document.getElementById(password.getAttribute('aria-describedby')!)!.textContent).toContain(
      'Leave empty to keep the current value.',
    );
    // The add form is replaced while editing.
    expect(screen.queryByRole('form', { name: 'Add a channel' })).toBeNull();
  });

  it('sends only what changed: a new name, team and sender name, and a typed password; untouched passwords are kept', async () => {
    const calls = fakeApi();
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    const form = await openEdit('Support mailbox');
    await userEvent.clear(within(form).getByLabelText('Name') as HTMLInputElement);
    await userEvent.type(within(form).getByLabelText('Name') as HTMLInputElement, 'Billing mailbox');
    await userEvent.selectOptions(within(form).getByLabelText('Team'), 'Billing');
    await userEvent.clear(field(form, 'Sender name'));
    await userEvent.type(field(form, 'Sender name'), 'Shop Billing');
    await userEvent.type(field(form, 'SMTP password'), 'new-smtp-pw');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('rowheader', { name: 'Billing mailbox' })).toBeTruthy();
    expect(patches(calls)).toEqual([
      {
        url: '/api/admin/channel-accounts/acc-email',
        body: {
          name: 'Billing mailbox',
          teamId: BILLING.id,
          config: { fromName: 'Shop Billing', smtp: { password: 'new-smtp-pw' } },
        },
      },
    ]);
    expect(screen.queryByRole('form', { name: /^Edit/ })).toBeNull();
    expect(screen.getByRole('form', { name: 'Add a channel' })).toBeTruthy();
  });

  it('a cleared setting is sent as null so the server drops it', async () => {
    const calls = fakeApi();
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    const form = await openEdit('Support mailbox');
    await userEvent.clear(field(form, 'Organisation domains'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('form', { name: 'Add a channel' });
    expect(patches(calls)[0].body).toEqual({ config: { orgDomains: null } });
  });

  it("shows the API's 400 reason and keeps the form open to correct it", async () => {
    fakeApi({
      update: () => ({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'config.imap.port: Too big: expected number to be <=65535',
        },
      }),
    });
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    const form = await openEdit('Support mailbox');
    await userEvent.clear(field(form, 'IMAP port'));
    await userEvent.type(field(form, 'IMAP port'), '99999');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('config.imap.port');
    expect(field(editForm('Support mailbox'), 'IMAP port').value).toBe('99999');
  });

  it('disables and enables an account after a confirmation, and shows it as disabled', async () => {
    const calls = fakeApi();
    const answer = async (title: string, button: string) =>
      userEvent.click(
        within(await screen.findByRole('dialog', { name: title })).getByRole('button', { name: button }),
      );
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    const toggle = (await screen.findByRole('checkbox', { name: 'Enabled: Site chat' })) as HTMLInputElement;

    await userEvent.click(toggle);
    await answer('Disable Site chat?', 'Cancel');
    expect(patches(calls)).toEqual([]);
    expect(toggle.checked).toBe(true);

    await userEvent.click(toggle);
    await answer('Disable Site chat?', 'Disable');
    expect(await screen.findByRole('rowheader', { name: 'Site chat Disabled' })).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'Enabled: Site chat' }) as HTMLInputElement).checked).toBe(
      false,
    );

    await userEvent.click(screen.getByRole('checkbox', { name: 'Enabled: Site chat' }));
    await answer('Enable Site chat?', 'Enable');
    expect(await screen.findByRole('rowheader', { name: 'Site chat' })).toBeTruthy();
    expect(patches(calls).map((p) => p.body)).toEqual([{ active: false }, { active: true }]);
  });

  it('rotates an API key after a confirmation and shows the new key once', async () => {
    const calls = fakeApi();
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    expect(screen.queryByRole('button', { name: 'Rotate key of Support mailbox' })).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: 'Rotate key of Shop integration' }));
    await userEvent.click(
      within(
        await screen.findByRole('dialog', { name: 'Issue a new API key for Shop integration?' }),
      ).getByRole('button', { name: 'Issue a new key' }),
    );

    const key = (await screen.findByLabelText('New API key')) as HTMLInputElement;
    expect(key.value).toBe('sbk_new-key-once');
    expect(document.body.textContent).toContain('you will not see it again');
    expect(
      calls.filter((c) => c.url === '/api/admin/channel-accounts/acc-api/rotate-key' && c.method === 'POST'),
    ).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(document.body.innerHTML).not.toContain('sbk_new-key-once');
  });

  it('more settings of a chat: pre-chat questions, transcripts mailbox and business hours', async () => {
    const calls = fakeApi();
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    const form = await openEdit('Site chat');
    await userEvent.click(within(form).getByText('More settings'));
    await userEvent.selectOptions(within(form).getByLabelText("Ask for the visitor's email"), 'required');
    await userEvent.selectOptions(
      within(form).getByLabelText('Email channel for offline replies and transcripts', { exact: false }),
      'Support mailbox',
    );
    await userEvent.clear(field(form, 'Time zone'));
    await userEvent.type(field(form, 'Time zone'), 'Europe/Berlin');
    await userEvent.type(within(form).getByLabelText('Monday opens'), '09:00');
    await userEvent.type(within(form).getByLabelText('Monday closes'), '17:00');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('form', { name: 'Add a channel' });
    expect(patches(calls)[0].body).toEqual({
      config: {
        preChat: { name: 'optional', email: 'required' },
        emailAccountId: 'acc-email',
        businessHours: {
          timeZone: 'Europe/Berlin',
          hours: [{ day: 1, from: '09:00', to: '17:00' }],
          holidays: [],
        },
      },
    });
  });
});
