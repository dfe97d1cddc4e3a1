import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChannelAccountView, EmailQuarantineView } from '@switchboard/contracts';
import { setApiToken } from '../../../lib/api-client';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import AdminScreen from '../components/AdminScreen';
import ChannelsAdmin from '../components/ChannelsAdmin';

const admin = { ...agent, role: 'admin' as const };
const SUPPORT = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Support' };
const BILLING = { id: '00000000-0000-4000-8000-0000000000bb', name: 'Billing' };
const mailbox: ChannelAccountView = {
  id: 'acc-email',
  kind: 'email',
  name: 'Support mailbox',
  teamId: SUPPORT.id,
  active: true,
  config: { address: 'help@shop.test' },
};
const sms: ChannelAccountView = {
  id: 'acc-sms',
  kind: 'twilio_sms',
  name: 'Shop SMS',
  teamId: null,
  active: true,
  // Were the API ever to leak a credential, the screen still shows only what it chose to.
  config: { accountSid: 'AC0123', authToken: 'leaked-auth-token' },
  webhookUrl: 'https://help.shop.test/api/webhooks/twilio/acc-sms',
};
const integration: ChannelAccountView = {
  id: 'acc-api',
  kind: 'api',
  name: 'Shop integration',
  teamId: BILLING.id,
  active: true,
  config: {},
};
const quarantined: EmailQuarantineView = {
  id: 'q1',
  channelAccountId: mailbox.id,
  rawSize: 2048,
  reason: 'parse_error',
  error: 'Unexpected end of multipart body',
  createdAt: '2026-11-20T10:00:00.000Z',
  reimportedAt: null,
  rawUrl: '/api/admin/email-quarantine/q1/raw',
};

type Answer = { status?: number; body?: unknown };

/** An in-memory admin API: what was created shows up in the list, as the real one does. */
function fakeChannelsApi({
  create,
  test = {},
}: { create?: (call: Call) => Answer; test?: Record<string, Answer> } = {}) {
  let accounts = [mailbox, sms, integration];
  let quarantine = [quarantined];
  let n = 0;
  return mockApi([
    ['GET', /\/api\/teams$/, { body: { items: [SUPPORT, BILLING] } }],
    ['GET', /\/api\/admin\/channel-accounts$/, () => ({ body: { items: accounts } })],
    [
      'POST',
      /\/api\/admin\/channel-accounts$/,
      (call) => {
        const answer = create?.(call) ?? { status: 201, body: { id: `new-${++n}` } };
        if ((answer.status ?? 200) < 300) {
          const body = call.body as { kind: string; name: string; teamId: string | null };
          accounts = [
            ...accounts,
            {
              id: (answer.body as { id: string }).id,
              kind: body.kind,
              name: body.name,
              teamId: body.teamId,
              active: true,
              config: {},
            },
          ];
        }
        return answer;
      },
    ],
    [
      'POST',
      /\/api\/admin\/channel-accounts\/[^/]+\/test$/,
      (call) => test[call.url.split('/')[4]] ?? { body: { ok: false, reason: 'no answer' } },
    ],
    ['GET', /\/api\/admin\/email-quarantine$/, () => ({ body: { items: quarantine } })],
    ['GET', /\/api\/admin\/email-quarantine\/q1\/raw$/, { body: 'Subject: broken\r\n\r\n--boundary' }],
    [
      'POST',
      /\/api\/admin\/email-quarantine\/q1\/reimport$/,
      () => {
        quarantine = [];
        return { body: { id: 'q1', ticketId: 'ticket-7', messageId: 'message-9', parsed: false } };
      },
    ],
  ]);
}

const form = () => screen.getByRole('form', { name: 'Add a channel' });

async function startAdding(kind: string, name: string, team?: string) {
  const f = form();
  await userEvent.selectOptions(within(f).getByLabelText('Kind'), kind);
  await userEvent.type(within(f).getByLabelText('Name'), name);
  if (team) await userEvent.selectOptions(within(f).getByLabelText('Team'), team);
}

async function fill(label: string, value: string) {
  const input = within(form()).getByLabelText(label, { exact: false });
  await userEvent.clear(input);
  await userEvent.type(input, value);
}

const submit = () => userEvent.click(within(form()).getByRole('button', { name: 'Add channel' }));
const posted = (calls: Call[]) =>
  calls.filter((c) => c.method === 'POST' && c.url === '/api/admin/channel-accounts').pop()?.body;

describe('Admin → Channels', () => {
  afterEach(() => {
    window.location.hash = '';
    setApiToken(null);
  });

  it('is a tab of the admin screen', async () => {
    fakeChannelsApi();
    window.location.hash = '#/admin/channels';
    renderWithProviders(<AdminScreen me={admin} />, { user: admin });
    expect(await screen.findByRole('heading', { name: 'Channels' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Channels' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('heading', { name: 'Canned replies' })).toBeNull();
  });

  it('lists each channel with its kind, team and webhook URL, and never a credential', async () => {
    fakeChannelsApi();
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    const table = await screen.findByRole('table', { name: 'Channel accounts' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    await waitFor(() => expect(within(table).getAllByRole('row')[1].textContent).toContain('Support'));
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .slice(0, 3)
            .map((c) => c.textContent)
            .concat(within(row).getByRole('rowheader').textContent!),
        ),
    ).toEqual([
      ['Email', 'Support', '—', 'Support mailbox'],
      ['SMS (Twilio)', 'No team', 'https://help.shop.test/api/webhooks/twilio/acc-sms', 'Shop SMS'],
      ['API', 'Billing', '—', 'Shop integration'],
    ]);
    expect(document.body.textContent).not.toContain('leaked-auth-token');
    expect(document.body.innerHTML).not.toContain('leaked-auth-token');
  });

  it.each([
    {
      kind: 'Email',
      id: 'email',
      fields: [
        ['Email address', 'help@shop.test'],
        ['IMAP server', 'imap.shop.test'],
        ['IMAP port', '1143'],
        ['IMAP user name', 'help'],
        ['IMAP password', ' s3cret '],
        ['SMTP server', 'smtp.shop.test'],
        ['SMTP port', '587'],
      ],
      untick: ['IMAP over TLS', 'SMTP over TLS'],
      config: {
        address: 'help@shop.test',
        imap: { host: 'imap.shop.test', port: 1143, secure: false, user: 'help', password: ' s3cret ' },
        smtp: { host: 'smtp.shop.test', port: 587, secure: false },
      },
    },
    {
      kind: 'SMS (Twilio)',
      id: 'twilio_sms',
      fields: [
        ['Account SID', 'AC0123'],
        ['Auth token', 'tok'],
        ['From number', '+15005550006'],
        ['Public URL', 'https://help.shop.test'],
      ],
      config: {
        accountSid: 'AC0123',
        authToken: 'tok',
        from: '+15005550006',
        publicUrl: 'https://help.shop.test',
      },
    },
    {
      kind: 'WhatsApp (Twilio)',
      id: 'twilio_whatsapp',
      fields: [
        ['Account SID', 'AC0123'],
        ['Auth token', 'tok'],
        ['Messaging Service SID', 'MG42'],
      ],
      config: { accountSid: 'AC0123', authToken: 'tok', messagingServiceSid: 'MG42' },
    },
    {
      kind: 'Facebook Messenger',
      id: 'messenger',
      fields: [
        ['Page ID', '1234'],
        ['Page access token', 'EAAB'],
        ['App secret', 'app-s'],
        ['Verify token', 'open sesame'],
      ],
      config: { pageId: '1234', pageAccessToken: 'EAAB', appSecret: 'app-s', verifyToken: 'open sesame' },
    },
    {
      kind: 'Instagram',
      id: 'instagram',
      fields: [
        ['Page ID', '99'],
        ['Page access token', 'EAAC'],
        ['App secret', 'app-i'],
        ['Verify token', 'v'],
      ],
      config: { pageId: '99', pageAccessToken: 'EAAC', appSecret: 'app-i', verifyToken: 'v' },
    },
    {
      kind: 'Telegram',
      id: 'telegram',
      fields: [['Bot token', '123456:AAbot']],
      config: { botToken: '123456:AAbot' },
    },
    {
      kind: 'Web chat',
      id: 'web_chat',
      fields: [
        ['Widget title', 'Ask us'],
        ['Sites allowed to embed the chat', 'https://shop.test{Enter}https://www.shop.test'],
      ],
      config: { title: 'Ask us', allowedOrigins: ['https://shop.test', 'https://www.shop.test'] },
    },
    {
      kind: 'API',
      id: 'api',
      fields: [['Callback URL', 'https://shop.test/hook']],
      config: { callbackUrl: 'https://shop.test/hook' },
    },
  ])(
    'adding a $kind channel sends the settings that kind needs',
    async ({ kind, id, fields, untick = [], config }) => {
      const calls = fakeChannelsApi();
      renderWithProviders(<ChannelsAdmin />, { user: admin });
      await screen.findByRole('option', { name: 'Billing' });
      await startAdding(kind, `New ${kind}`, 'Billing');
      for (const [label, value] of fields) await fill(label, value);
      for (const label of untick) await userEvent.click(within(form()).getByLabelText(label));
      await submit();
      await screen.findByRole('heading', { name: `Channel “New ${kind}” added` });
      expect(posted(calls)).toEqual({ kind: id, name: `New ${kind}`, teamId: BILLING.id, config });
      expect(await screen.findByRole('rowheader', { name: `New ${kind}` })).toBeTruthy();
    },
  );

  it("shows the API's reason when it refuses a channel, next to the form", async () => {
    fakeChannelsApi({
      create: () => ({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'config.imap.port: Too big: expected number to be <=65535',
        },
      }),
    });
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    await submit();
    expect(within(form()).getByRole('alert').textContent).toBe(
      'A channel needs a name, e.g. "Support mailbox".',
    );
    await startAdding('Email', 'Broken mailbox');
    await fill('IMAP port', '99999');
    await submit();
    await waitFor(() =>
      expect(within(form()).getByRole('alert').textContent).toBe(
        'config.imap.port: Too big: expected number to be <=65535',
      ),
    );
    expect(screen.queryByRole('heading', { name: /added/ })).toBeNull();
    // What the admin typed stays, to be corrected.
    expect((within(form()).getByLabelText('Name') as HTMLInputElement).value).toBe('Broken mailbox');
  });

  it('shows a new API channel’s key once, with a copy button and a warning', async () => {
    const user = userEvent.setup();
    fakeChannelsApi({
      create: () => ({
        status: 201,
        body: { id: 'new-api', apiKey: 'sbk_only-once', signingSecret: 'sign-once' },
      }),
    });
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    await startAdding('API', 'Warehouse');
    await submit();
    const notice = await screen.findByRole('region', { name: 'Channel “Warehouse” added' });
    expect(notice.textContent).toContain('you will not see it again');
    expect((within(notice).getByLabelText('API key') as HTMLInputElement).value).toBe('sbk_only-once');
    expect((within(notice).getByLabelText('Signing secret') as HTMLInputElement).value).toBe('sign-once');
    await user.click(within(notice).getByRole('button', { name: 'Copy API key' }));
    expect(await navigator.clipboard.readText()).toBe('sbk_only-once');
    expect(within(notice).getByRole('status').textContent).toBe('Copied.');

    await user.click(within(notice).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: /added/ })).toBeNull();
    await screen.findByRole('rowheader', { name: 'Warehouse' });
    expect(document.body.innerHTML).not.toContain('sbk_only-once');
  });

  it('after adding a webhook channel, gives the URL to paste and says whether the provider was set up', async () => {
    fakeChannelsApi({
      create: () => ({
        status: 201,
        body: {
          id: 'new-tg',
          webhookUrl: 'https://help.shop.test/api/webhooks/telegram/new-tg',
          configured: { ok: false, reason: 'Could not set the Telegram webhook: Unauthorized' },
        },
      }),
    });
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    await startAdding('Telegram', 'Shop bot');
    await fill('Bot token', '123:AA');
    await submit();
    const notice = await screen.findByRole('region', { name: 'Channel “Shop bot” added' });
    expect((within(notice).getByLabelText('Webhook URL') as HTMLInputElement).value).toBe(
      'https://help.shop.test/api/webhooks/telegram/new-tg',
    );
    expect(notice.textContent).toContain('Telegram was set up automatically');
    expect(within(notice).getByRole('alert').textContent).toBe(
      'Connection failed. Could not set the Telegram webhook: Unauthorized',
    );
  });

  it('after adding a web chat, gives the script tag to put on the site', async () => {
    fakeChannelsApi({ create: () => ({ status: 201, body: { id: 'chat-1' } }) });
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    await startAdding('Web chat', 'Shop chat');
    await submit();
    const notice = await screen.findByRole('region', { name: 'Channel “Shop chat” added' });
    expect((within(notice).getByLabelText('Embed snippet') as HTMLTextAreaElement).value).toBe(
      `<script src="${window.location.origin}/widget.js" data-account="chat-1" async></script>`,
    );
  });

  it('keeps showing a web chat’s script tag after Done: on its row and in Edit, with Copy', async () => {
    fakeChannelsApi({ create: () => ({ status: 201, body: { id: 'chat-1' } }) });
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    await startAdding('Web chat', 'Shop chat');
    await submit();
    const notice = await screen.findByRole('region', { name: 'Channel “Shop chat” added' });
    await userEvent.click(within(notice).getByRole('button', { name: 'Done' }));
    const snippet = `<script src="${window.location.origin}/widget.js" data-account="chat-1" async></script>`;
    const table = screen.getByRole('table', { name: 'Channel accounts' });
    const row = await within(table).findByRole('row', { name: /Shop chat/ });
    expect((within(row).getByLabelText('Embed snippet') as HTMLTextAreaElement).value).toBe(snippet);
    expect(within(row).getByRole('button', { name: 'Copy Embed snippet' })).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Edit Shop chat' }));
    const edit = screen.getByRole('form', { name: 'Edit Shop chat' });
    expect((within(edit).getByLabelText('Embed snippet') as HTMLTextAreaElement).value).toBe(snippet);
  });

  it('previews the widget in the colours picked, as they are picked', async () => {
    const calls = fakeChannelsApi();
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    await startAdding('Web chat', 'Shop chat');
    await fill('Widget title', 'Ask the shop');
    const preview = within(form()).getByRole('figure', { name: 'Preview of the chat on your site' });
    expect(within(preview).getByTestId('widget-preview-header').textContent).toContain('Ask the shop');
    const main = within(form()).getByLabelText('Main colour') as HTMLInputElement;
    expect(main.type).toBe('color');
    fireEvent.input(main, { target: { value: '#aa3300' } });
    expect(preview.style.getPropertyValue('--widget-main')).toBe('#aa3300');
    fireEvent.input(within(form()).getByLabelText('Text colour on the main colour'), {
      target: { value: '#111111' },
    });
    expect(preview.style.getPropertyValue('--widget-text')).toBe('#111111');
    await submit();
    expect(posted(calls)).toMatchObject({ config: { colors: { primary: '#aa3300', text: '#111111' } } });
  });

  it('tests a connection and says in plain words whether it works', async () => {
    const calls = fakeChannelsApi({
      test: {
        'acc-email': {
          body: {
            ok: true,
            detail: 'IMAP: Logged in; INBOX has 3 messages. SMTP: The server accepted the login.',
          },
        },
        'acc-sms': {
          body: {
            ok: false,
            reason: 'Twilio refused the credentials: check the auth token.',
            webhookUrl: sms.webhookUrl,
          },
        },
      },
    });
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    await userEvent.click(await screen.findByRole('button', { name: 'Test Support mailbox' }));
    const emailRow = screen.getByRole('rowheader', { name: 'Support mailbox' }).closest('tr')!;
    expect((await within(emailRow).findByRole('status')).textContent).toBe(
      'Connection works. IMAP: Logged in; INBOX has 3 messages. SMTP: The server accepted the login.',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Test Shop SMS' }));
    const smsRow = screen.getByRole('rowheader', { name: 'Shop SMS' }).closest('tr')!;
    expect((await within(smsRow).findByRole('alert')).textContent).toBe(
      'Connection failed. Twilio refused the credentials: check the auth token.',
    );
    expect(calls.filter((c) => c.url.endsWith('/test')).map((c) => c.url)).toEqual([
      '/api/admin/channel-accounts/acc-email/test',
      '/api/admin/channel-accounts/acc-sms/test',
    ]);
    // An API channel has nothing to log in to.
    expect(screen.queryByRole('button', { name: 'Test Shop integration' })).toBeNull();
  });

  it('lists quarantined mail with its error, downloads the original and re-imports it', async () => {
    const calls = fakeChannelsApi();
    setApiToken('admin-token');
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:eml'), revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    renderWithProviders(<ChannelsAdmin />, { user: admin });
    const list = screen.getByRole('list', { name: 'Quarantined mail' });
    const entry = await within(list).findByRole('listitem', { name: /^Mail to Support mailbox received/ });
    expect(entry.textContent).toContain('Unexpected end of multipart body');
    expect(entry.textContent).toContain('2 KB');

    await userEvent.click(within(entry).getByRole('button', { name: 'Download .eml' }));
    await waitFor(() => expect(saved).toEqual(['quarantine-q1.eml']));
    expect(calls.find((c) => c.url === quarantined.rawUrl)!.headers).toEqual({
      Authorization: 'Bearer admin-token',
    });

    await userEvent.click(within(entry).getByRole('button', { name: 'Re-import' }));
    const outcome = await screen.findByText(/^Re-imported, but the mail still could not be read/);
    expect(within(outcome).getByRole('link', { name: 'Open the ticket' }).getAttribute('href')).toBe(
      '#/tickets/ticket-7',
    );
    await within(list).findByText('No quarantined mail.');
    clicked.mockRestore();
  });
});
