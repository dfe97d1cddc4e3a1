import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { signIn, takeCspViolations } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

/**
 * The console's Content-Security-Policy in a real browser: the console itself runs under it
 * without a single violation (every e2e test checks that after each step), and script that
 * somehow got into the page is refused by the browser.
 */
let env: Environment;
let anaContext: BrowserContext;
let ana: Page;

beforeAll(async () => {
  env = await startEnvironment();
  anaContext = await env.browser.context(env.api.url);
  ana = await anaContext.newPage();
}, 120_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('the console under its Content-Security-Policy', () => {
  it('signs in and shows the queue with no violation', async () => {
    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
    await ana.getByRole('navigation', { name: 'Queues' }).waitFor();
  });

  it('refuses an inline script and an inline handler that got into the page', async () => {
    await ana.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = 1';
      document.body.appendChild(script);
      const img = document.createElement('img');
      img.setAttribute('src', 'data:image/gif;base64,R0lGODlhAQABAAAAACw=');
      img.setAttribute('onerror', 'window.__injected = 2');
      img.setAttribute('onload', 'window.__injected = 3');
      document.body.appendChild(img);
    });
    await ana.waitForTimeout(500);
    expect(
      await ana.evaluate(() => (window as unknown as { __injected?: number }).__injected),
    ).toBeUndefined();
    const refused = takeCspViolations();
    expect(refused.some((v) => /script-src/.test(v))).toBe(true);
  });
});
