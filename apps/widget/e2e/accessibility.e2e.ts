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

  it('follows the system setting: dark colours when the visitor’s system is dark, light otherwise', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(siteUrl);
      await page.locator('switchboard-chat .launcher').click();
      await page.locator('switchboard-chat .panel').waitFor({ state: 'visible' });
      await page.locator('switchboard-chat textarea[aria-label="Message"]').waitFor();

      const dark = await colours(page);
      expect(dark.panel).toBeLessThan(0.05);
      expect(dark.log).toBeLessThan(0.05);
      expect(dark.composer).toBeLessThan(0.05);
      expect(dark.text).toBeGreaterThan(0.7);
      const darkProblems = await violations(page, 'dark (emulated) open');
      expectNone(darkProblems);
      await page.screenshot({ path: join(SCREENSHOTS, 'widget-dark.png') });

      // Switching the system back to light switches the open widget with it, without a reload.
      await page.emulateMedia({ colorScheme: 'light' });
      const light = await colours(page);
      expect(light.panel).toBeGreaterThan(0.9);
      expect(light.log).toBeGreaterThan(0.85);
      expect(light.text).toBeLessThan(0.05);
    } finally {
      await context.close();
    }
  });
});

/** Relative luminance (0 black … 1 white) of the panel, the transcript, the composer and the text. */
async function colours(page: Page): Promise<{ panel: number; log: number; composer: number; text: number }> {
  return page.evaluate(() => {
    const root = document.querySelector('switchboard-chat')!.shadowRoot!;
    const luminance = (css: string) => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = (selector: string) => getComputedStyle(root.querySelector(selector)!);
    return {
      panel: luminance(style('.panel').backgroundColor),
      log: luminance(style('.log').backgroundColor),
      composer: luminance(style('.composer').backgroundColor),
      text: luminance(style('.panel').color),
    };
  });
}
