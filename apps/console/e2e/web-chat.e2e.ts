import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { ADMIN } from './support/api-server';
import { DESKTOP, PHONE, screenshot, signIn, type Device } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

/**
 * A web chat from the admin's side and the agent's: the admin picks the widget's colour in a live
 * preview and finds the embed snippet again after "Done"; a visitor (a real socket on /widget)
 * writes, the ticket is solved, and the visitor's rating with its comment appears on the open
 * ticket as it is sent, as a line from the visitor, never under an internal id. At desktop and
 * phone sizes; on a phone nothing makes the page scroll sideways.
 */
const SITE = 'https://shop.e2e.test';

let env: Environment;
let adminToken: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  env = await startEnvironment();
  adminToken = await env.rest.login(ADMIN.email, ADMIN.password);
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await env?.stop();
}, 60_000);

const addForm = (page: Page) => page.getByRole('form', { name: 'Add a channel' });
const accountRow = (page: Page, name: string) =>
  page
    .getByRole('table', { name: 'Channel accounts' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });

/** A visitor of the chat as the widget connects: a session over HTTP, then the /widget socket. */
async function visitor(accountId: string) {
  const res = await fetch(`${env.api.url}/api/widget/${accountId}/session`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SITE },
    body: JSON.stringify({}),
  });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const socket = io(`${env.api.url}/widget`, {
    auth: { accountId, token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: SITE },
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    emit: <T = any>(event: string, body: unknown) =>
      socket.timeout(10_000).emitWithAck(event, body) as Promise<T>,
  };
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe.each([
  ['desktop 1440x900', 'Desk', DESKTOP],
  ['phone 390x844', 'Phone', PHONE],
] as [string, string, Device][])('web chat in the console at %s', (_label, tag, device) => {
  const width = device.viewport!.width;
  const CHAT = `${tag} shop chat`;
  let context: BrowserContext;
  let admin: Page;
  let chatId: string;

  beforeAll(async () => {
    context = await env.browser.context(env.api.url, device);
    admin = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('an admin picks the widget colour in a live preview, and finds the embed snippet again after Done', async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.evaluate(() => (window.location.hash = '/admin/channels'));
    const form = addForm(admin);
    await form.getByLabel('Kind').selectOption({ label: 'Web chat' });
    await form.getByLabel('Name', { exact: true }).fill(CHAT);
    await form.getByLabel('Team').selectOption({ label: 'Support' });
    await form.getByLabel('Widget title').fill('Ask the shop');
    await form.getByText('More settings').click();
    const preview = form.getByRole('figure', { name: 'Preview of the chat on your site' });
    const header = preview.getByTestId('widget-preview-header');
    expect(await header.textContent()).toContain('Ask the shop');
    expect(await header.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(47, 111, 237)');
    await form.getByLabel('Main colour', { exact: true }).fill('#aa3300');
    expect(await header.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(170, 51, 0)');
    const launcher = preview.getByTestId('widget-preview-launcher');
    expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(170, 51, 0)');
    await screenshot(admin, `web-chat-${tag}-01-colour-preview`);
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(width);
    await form.getByRole('button', { name: 'Add channel' }).click();

    const notice = admin.getByRole('region', { name: `Channel “${CHAT}” added` });
    await notice.getByRole('button', { name: 'Done' }).click();
    const { items } = await env.rest.ok<{ items: Array<{ id: string; name: string }> }>(
      'GET',
      '/api/admin/channel-accounts',
      { token: adminToken },
    );
    chatId = items.find((a) => a.name === CHAT)!.id;
    const snippet = `<script src="${env.api.url}/widget.js" data-account="${chatId}" async></script>`;
    const row = accountRow(admin, CHAT);
    expect(await row.getByRole('textbox', { name: 'Embed snippet' }).inputValue()).toBe(snippet);
    expect(await row.getByRole('button', { name: 'Copy Embed snippet' }).count()).toBe(1);
    await screenshot(admin, `web-chat-${tag}-02-snippet-on-row`);
    expect(await row.getByRole('textbox', { name: 'Embed snippet' }).isVisible()).toBe(true);
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(width);
    await row.getByRole('button', { name: `Edit ${CHAT}` }).click();
    const edit = admin.getByRole('form', { name: `Edit ${CHAT}` });
    expect(await edit.getByRole('textbox', { name: 'Embed snippet' }).inputValue()).toBe(snippet);
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // Saved with the account, and what the widget reads.
    const settings = await env.rest.ok<{ settings: { colors: { primary: string }; title: string } }>(
      'GET',
      `/api/widget/${chatId}/settings`,
    );
    expect(settings.settings.colors.primary).toBe('#aa3300');
    expect(settings.settings.title).toBe('Ask the shop');
  });

  it("a visitor's rating and comment appear live on the open ticket, as a line from the web visitor", async () => {
    const v = await visitor(chatId);
    const sent = await v.emit<{ ok: boolean; ticketId: string }>('message.send', {
      text: 'My parcel never came',
      clientId: `e2e-parcel-${tag}`,
    });
    expect(sent.ok).toBe(true);
    const ticketId = sent.ticketId;
    await admin.evaluate((id) => (window.location.hash = `/tickets/${id}`), ticketId);
    const timeline = admin.getByRole('list', { name: 'Conversation' });
    await timeline.getByText('My parcel never came').waitFor();
    await admin.evaluate(() => ((window as unknown as { e2eMark: boolean }).e2eMark = true));

    // The channel and the visitor in words, never the codes or the internal address.
    expect(await admin.locator('.ticket-header').getByRole('img', { name: 'Web chat' }).count()).toBe(1);
    // On a phone the contact is a pane of its own, one tap away; on a desktop it sits beside the ticket.
    if (width < 768) await admin.getByRole('button', { name: 'Contact' }).click();
    await admin.getByRole('complementary', { name: 'Contact' }).getByText('Web visitor').first().waitFor();
    expect(await admin.locator('body').innerText()).not.toMatch(/:visitor:|web_chat/);
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(width);
    if (width < 768) {
      await admin.goBack();
      await timeline.waitFor();
    }
    const page = await admin.locator('main, body').first().innerText();
    expect(page).not.toMatch(/:visitor:|web_chat|opened by/);

    const solved = await env.rest.call('PATCH', `/api/tickets/${ticketId}`, {
      token: adminToken,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
    await timeline
      .getByText(/status to solved|to solved/)
      .first()
      .waitFor();
    const rated = await v.emit<{ ok: boolean }>('csat', { ticketId, score: 4, comment: 'Quick and kind' });
    expect(rated).toEqual({ ok: true });

    const answer = timeline.getByRole('article', { name: 'Survey answer from Web visitor' });
    await answer.waitFor();
    // The conversation has room to be read, on a phone too, and the answer can be scrolled into it.
    const conversation = admin.getByRole('region', { name: 'Conversation' });
    expect((await conversation.boundingBox())!.height).toBeGreaterThanOrEqual(300);
    await answer.scrollIntoViewIfNeeded();
    const shown = (await answer.boundingBox())!;
    expect(shown.y).toBeGreaterThanOrEqual(0);
    expect(shown.y).toBeLessThan(device.viewport!.height);
    expect(await answer.innerText()).toMatch(/Web visitor rated the conversation 4\/5 in Web chat/);
    expect(await answer.innerText()).toContain('Quick and kind');
    await screenshot(admin, `web-chat-${tag}-03-survey-live`);
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(width);
    expect(await admin.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark)).toBe(true);
  });
});
