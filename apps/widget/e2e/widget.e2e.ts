import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { startTestApp, waitFor, type TestApp } from '../../api/src/test-support/test-app.js';

const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = join(here, 'artifacts');
const WIDGET_JS = resolve(here, '../dist/widget.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const HOSTILE_CSS = `
  html, body { margin: 0; padding: 0; font-size: 40px; color: red; line-height: 5; }
  * { all: unset; box-sizing: content-box !important; }
  * { display: none !important; }
  html, body { display: block !important; }
  div, button, section, textarea, input, span, form { font-size: 3em !important; color: lime !important; border: 9px solid red !important; width: 5px !important; height: 5px !important; }
`;

/** A shop on localhost (another origin than the API) that embeds the widget the documented way. */
function hostPage(api: string, accountId: string, hostile: boolean): string {
  return `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>${hostile ? `<style>${HOSTILE_CSS}</style>` : ''}</head>
<body><h1>Acme shop</h1><p>Products and things.</p>
<script src="${api}/widget.js" data-account="${accountId}" async></script></body></html>`;
}

describe('the widget embedded on a host page, in chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let site: Server;
  let siteUrl: string;
  let accountId: string;
  let admin: string;
  let agent: Socket;

  beforeAll(async () => {
    if (!existsSync(WIDGET_JS))
      throw new Error(`${WIDGET_JS} is missing: run \`npx nx run widget:build\` first`);
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestApp();
    admin = await t.adminToken();
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(hostPage(t.url, url.searchParams.get('account') ?? accountId, url.pathname === '/hostile'));
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
    siteUrl = `http://localhost:${(site.address() as { port: number }).port}`;
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'web_chat',
        name: 'Shop chat',
        config: {
          allowedOrigins: [siteUrl],
          greeting: 'Hi! Ask us anything.',
          title: 'Acme support',
          preChat: { name: 'off', email: 'off' },
        },
      },
    });
    accountId = res.body.id;
    // An agent online: the widget offers live chat rather than the offline form.
    agent = await t.socket(admin);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: 60_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => site?.close(r));
    await t?.close();
  });

  /** Another chat account on the same site, with its own settings. */
  async function chatAccount(name: string, config: Record<string, unknown>): Promise<string> {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind: 'web_chat', name, config: { allowedOrigins: [siteUrl], ...config } },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function ticketOf(text: string): Promise<{ id: string }> {
    return waitFor(
      async () => {
        const r = await t.request('GET', '/api/tickets?channel=web_chat&limit=100', { token: admin });
        return r.body.items?.find((i: { subject: string }) => i.subject === text);
      },
      10_000,
      `the ticket "${text}"`,
    );
  }

  async function openWidget(page: Page, path = '/'): Promise<void> {
    await page.goto(siteUrl + path);
    await page.locator('switchboard-chat .launcher').click();
    await page.locator('switchboard-chat .panel').waitFor({ state: 'visible' });
  }

  it('a visitor chats live with an agent: message, typing indicator, reply; a reload keeps the history; CSAT is stored', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await openWidget(page);
    // The attach button is an icon drawn by the page, not an emoji that may render as a box.
    const attach = page.locator('switchboard-chat .composer .attach');
    expect(await attach.locator('svg').count()).toBe(1);
    expect((await attach.textContent())?.trim()).toBe('');
    await page.locator('switchboard-chat textarea[aria-label="Message"]').fill('Hello, is my order shipped?');
    await page.keyboard.press('Enter');
    await page.locator('switchboard-chat .msg.in', { hasText: 'Hello, is my order shipped?' }).waitFor();
    await page.locator('switchboard-chat .msg.in .meta', { hasText: /^\d\d:\d\d/ }).waitFor();

    const list = await waitFor(
      async () => {
        const r = await t.request('GET', '/api/tickets?channel=web_chat', { token: admin });
        return r.body.items?.[0];
      },
      10_000,
      'the ticket in the queue',
    );
    expect(list.subject).toBe('Hello, is my order shipped?');
    expect(await agent.emitWithAck('ticket.view', { ticketId: list.id })).toEqual({ ok: true });
    agent.emit('typing', { ticketId: list.id, kind: 'reply', active: true });
    await page.locator('switchboard-chat .typing', { hasText: 'is typing' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'widget-agent-typing.png') });
    const reply = await t.request('POST', `/api/tickets/${list.id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Yes! It ships today: https://track.example/123 <b>not bold</b>' },
    });
    expect(reply.status).toBe(201);
    const shown = page.locator('switchboard-chat .msg.out', { hasText: 'It ships today' });
    await shown.waitFor();
    expect(await shown.locator('a').getAttribute('href')).toBe('https://track.example/123');
    expect(await shown.locator('b').count()).toBe(0);
    await page.locator('switchboard-chat .who', { hasText: /\S/ }).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'widget-open-on-host-page.png') });

    await page.reload();
    await page.locator('switchboard-chat .launcher').click();
    await page.locator('switchboard-chat .msg.in', { hasText: 'Hello, is my order shipped?' }).waitFor();
    await page.locator('switchboard-chat .msg.out', { hasText: 'It ships today' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'widget-after-reload.png') });

    // Another visitor (another browser profile) sees none of it.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await openWidget(otherPage);
    await otherPage.waitForTimeout(1000);
    expect(await otherPage.locator('switchboard-chat .msg', { hasText: 'order shipped' }).count()).toBe(0);
    await other.close();

    const solved = await t.request('PATCH', `/api/tickets/${list.id}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
    await page.locator('switchboard-chat [data-form="csat"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'widget-csat.png') });
    // Choosing a score only selects it: the comment box is still there to be filled.
    const csat = page.locator('switchboard-chat [data-form="csat"]');
    await csat.locator('button[data-score="4"]').click();
    expect(await csat.locator('button[data-score="4"]').getAttribute('aria-pressed')).toBe('true');
    await csat.getByRole('textbox').fill('Fast answer, thank you');
    await csat.getByRole('button', { name: 'Send feedback' }).click();
    await page.locator('switchboard-chat [data-form="thanks"]').waitFor();
    const survey = await waitFor(
      () =>
        t.db.one<{ score: number; comment: string | null }>(
          `SELECT score, comment FROM survey_responses WHERE ticket_id = $1`,
          [list.id],
        ),
      10_000,
      'the CSAT row',
    );
    expect(survey).toEqual({ score: 4, comment: 'Fast answer, thank you' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a hostile host page (global reset, *{display:none}) does not break the widget's layout", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openWidget(page, '/hostile');
    const launcher = await page.locator('switchboard-chat .launcher').boundingBox();
    const panel = await page.locator('switchboard-chat .panel').boundingBox();
    expect(launcher).toMatchObject({ width: 56, height: 56 });
    expect(launcher!.x + launcher!.width).toBeGreaterThan(1200);
    expect(panel!.width).toBe(360);
    expect(panel!.height).toBeGreaterThan(400);
    const input = page.locator('switchboard-chat textarea[aria-label="Message"]');
    await input.fill('Still works');
    await page.keyboard.press('Enter');
    // The stored message (not its pending copy, which it replaces) is what the visitor keeps seeing.
    const stored = page.locator('switchboard-chat .msg.in:not([data-message-id^="pending:"])', {
      hasText: 'Still works',
    });
    await stored.waitFor();
    const font = await stored.evaluate((el) => getComputedStyle(el).fontSize);
    expect(font).toBe('14px');
    await page.screenshot({ path: join(ARTIFACTS, 'widget-hostile-host-page.png') });
    await context.close();
  });

  it('after Solve the CSAT form scrolls below the transcript instead of squeezing it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openWidget(page);
    await page.locator('switchboard-chat textarea[aria-label="Message"]').fill('My parcel is late');
    await page.keyboard.press('Enter');
    const ticket = await ticketOf('My parcel is late');
    const transcript = page.locator('switchboard-chat .log');
    const before = (await transcript.boundingBox())!;
    const solved = await t.request('PATCH', `/api/tickets/${ticket.id}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
    await page.locator('switchboard-chat [data-form="csat"]').waitFor();
    const after = (await transcript.boundingBox())!;
    await page.screenshot({ path: join(ARTIFACTS, 'widget-csat-transcript.png') });
    expect(after.height).toBe(before.height);
    await context.close();
  });

  it('the pre-chat prompt goes once the visitor has left their email and asked', async () => {
    const prechat = await chatAccount('Pre-chat shop', { preChat: { name: 'optional', email: 'optional' } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openWidget(page, `/?account=${prechat}`);
    const form = page.locator('switchboard-chat [data-form="prechat"]');
    await form.locator('input[name="email"]').fill('visitor@shop.example');
    await form.getByRole('button', { name: 'Start chat' }).click();
    const thanks = page.locator('switchboard-chat .panel', { hasText: 'Thanks! How can we help?' });
    await thanks.waitFor();
    await page.locator('switchboard-chat textarea[aria-label="Message"]').fill('Do you ship to Norway?');
    await page.keyboard.press('Enter');
    await page
      .locator('switchboard-chat .msg.in:not([data-message-id^="pending:"])', {
        hasText: 'Do you ship to Norway?',
      })
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'widget-after-prechat.png') });
    expect(await thanks.count()).toBe(0);
    expect(await page.locator('switchboard-chat [data-form]').count()).toBe(0);
    await context.close();
  });

  it('on a phone (390x844) the open chat fills the screen and its text box is 16 px, so iOS does not zoom', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await openWidget(page);
    const panel = (await page.locator('switchboard-chat .panel').boundingBox())!;
    await page.screenshot({ path: join(ARTIFACTS, 'widget-phone.png') });
    expect(panel).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    const input = page.locator('switchboard-chat textarea[aria-label="Message"]');
    expect(await input.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    // The attach button is an icon drawn by the page, not an emoji that may render as a box.
    const attach = page.locator('switchboard-chat .composer .attach');
    expect(await attach.locator('svg').count()).toBe(1);
    expect((await attach.textContent())?.trim()).toBe('');
    // Closing hands the page back, launcher included.
    await page.locator('switchboard-chat .close').click();
    await page.locator('switchboard-chat .launcher').waitFor({ state: 'visible' });
    await context.close();
  });

  it('on a phone (390x844) the visitor rates with a comment after Solve, and both are stored', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await openWidget(page);
    await page
      .locator('switchboard-chat textarea[aria-label="Message"]')
      .fill('Phone: the app will not log in');
    await page.keyboard.press('Enter');
    const ticket = await ticketOf('Phone: the app will not log in');
    const solved = await t.request('PATCH', `/api/tickets/${ticket.id}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
    const csat = page.locator('switchboard-chat [data-form="csat"]');
    await csat.waitFor();
    // A tap on a score only selects it; the comment box and Send are within the screen.
    await csat.locator('button[data-score="5"]').tap();
    expect(await csat.locator('button[data-score="5"]').getAttribute('aria-pressed')).toBe('true');
    const comment = csat.getByRole('textbox');
    await comment.fill('Sorted in minutes');
    const send = csat.getByRole('button', { name: 'Send feedback' });
    await send.scrollIntoViewIfNeeded();
    const box = (await send.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await page.screenshot({ path: join(ARTIFACTS, 'widget-phone-csat.png') });
    await send.tap();
    await page.locator('switchboard-chat [data-form="thanks"]').waitFor();
    const survey = await waitFor(
      () =>
        t.db.one<{ score: number; comment: string | null }>(
          `SELECT score, comment FROM survey_responses WHERE ticket_id = $1`,
          [ticket.id],
        ),
      10_000,
      'the CSAT row',
    );
    expect(survey).toEqual({ score: 5, comment: 'Sorted in minutes' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('speaks German to a browser set to German (de-DE)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(siteUrl);
    await page.getByRole('button', { name: 'Chat öffnen' }).click();
    const input = page.getByRole('textbox', { name: 'Nachricht' });
    await input.waitFor();
    expect(await input.getAttribute('placeholder')).toBe('Nachricht schreiben…');
    await page.locator('switchboard-chat .sub', { hasText: 'Wir antworten meist' }).waitFor();
    await input.fill('Wo ist meine Bestellung?');
    await page.getByRole('button', { name: 'Senden' }).click();
    const ticket = await ticketOf('Wo ist meine Bestellung?');
    await t.request('PATCH', `/api/tickets/${ticket.id}`, { token: admin, body: { status: 'solved' } });
    const csat = page.locator('switchboard-chat [data-form="csat"]');
    await csat.getByText('Wie waren wir?').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'widget-german.png') });
    expect(await csat.getByRole('button', { name: 'Feedback senden' }).count()).toBe(1);
    expect(await page.locator('switchboard-chat').getAttribute('lang')).toBe('de');
    await context.close();
  });
});
