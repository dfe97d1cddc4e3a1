import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { startTestApp, waitFor, type TestApp } from '../../api/src/test-support/test-app.js';

/**
 * axe-core on the widget as a visitor meets it on a shop's page (closed launcher, open chat with
 * a conversation), in the light and the dark theme, at desktop and phone size: any serious or
 * critical violation fails and is printed. The run also saves the README's widget screenshot.
 */
const here = dirname(fileURLToPath(import.meta.url));
const WIDGET_JS = resolve(here, '../dist/widget.js');
const SCREENSHOTS = resolve(here, '../../../docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900, isMobile: false },
  { name: 'phone', width: 390, height: 844, isMobile: true },
] as const;
const THEMES = ['light', 'dark'] as const;

function hostPage(api: string, accountId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme shop</title></head>
<body><main><h1>Acme shop</h1><p>Kitchen things, shipped fast.</p></main>
<script src="${api}/widget.js" data-account="${accountId}" async></script></body></html>`;
}

/** axe's serious and critical findings on the page (the widget's shadow root included). */
async function violations(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `${where}: [${v.impact}] ${v.id} (${v.help}) at ${JSON.stringify(node.target)}: ${node.failureSummary?.replace(/\s+/g, ' ')}`,
      ),
    );
}

function expectNone(found: string[]) {
  if (found.length)
    console.log(`axe found ${found.length} serious or critical problems:\n${found.join('\n')}`);
  expect(found).toEqual([]);
}

describe('the widget has no serious or critical accessibility problems', () => {
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
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp();
    admin = await t.adminToken();
    site = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(hostPage(t.url, accountId));
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
    agent = await t.socket(admin);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: 60_000,
    });
  });

  afterAll(async () => {
    agent?.disconnect();
    await browser?.close();
    await new Promise((r) => site?.close(r));
    await t?.close();
  });

  it('closed and open, with a conversation, in both themes and both sizes', async () => {
    const found: string[] = [];
    let conversationStarted = false;
    // The visitor's session (local storage) carries over, so every run shows the same conversation.
    let visitor: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
    for (const viewport of VIEWPORTS) {
      for (const colorScheme of THEMES) {
        const where = `${viewport.name} ${colorScheme}`;
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          isMobile: viewport.isMobile,
          hasTouch: viewport.isMobile,
          colorScheme,
          storageState: visitor,
        });
        const page = await context.newPage();
        await page.goto(siteUrl);
        await page.locator('switchboard-chat .launcher').waitFor();
        found.push(...(await violations(page, `${where} closed`)));
        await page.locator('switchboard-chat .launcher').click();
        await page.locator('switchboard-chat .panel').waitFor({ state: 'visible' });
        if (!conversationStarted) {
          await page
            .locator('switchboard-chat textarea[aria-label="Message"]')
            .fill('Hello, is my order shipped?');
          await page.keyboard.press('Enter');
          const ticket = await waitFor(
            async () =>
              (await t.request('GET', '/api/tickets?channel=web_chat', { token: admin })).body.items?.[0],
            10_000,
            'the ticket in the queue',
          );
          await t.request('POST', `/api/tickets/${ticket.id}/messages`, {
            token: admin,
            body: { kind: 'reply', body: 'Yes! It ships today: https://track.example/123' },
          });
          conversationStarted = true;
        }
        await page.locator('switchboard-chat .msg.out', { hasText: 'It ships today' }).waitFor();
        visitor ??= await context.storageState();
        found.push(...(await violations(page, `${where} open`)));
        if (viewport.name === 'desktop' && colorScheme === 'light')
          await page.screenshot({ path: join(SCREENSHOTS, 'widget.png') });
        await context.close();
      }
    }
    expectNone(found);
  });
});
