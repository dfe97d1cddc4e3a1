import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { PHONE, screenshot } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

/**
 * The public help center in Chromium: an article written with hostile Markdown and HTML shows
 * its text and runs nothing (each payload would set `window.__xss` or open a dialog), and the
 * pages work on a phone with no login.
 */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '[link](javascript:window.__xss=3)',
  '<a href="javascript:window.__xss=4">x-link</a>',
  '<svg onload="window.__xss=5">',
  '<iframe srcdoc="<script>parent.__xss=6</script>">',
  '![img](x" onerror="window.__xss=7)',
  '<style>body{background:url(javascript:window.__xss=8)}</style>',
];

let env: Environment;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  env = await startEnvironment();
  const token = await env.rest.login(ADMIN.email, ADMIN.password);
  await env.rest.ok('PATCH', '/api/kb/settings', {
    token,
    body: { name: 'Acme Help', primaryColor: '#7a2e8f' },
  });
  await env.rest.ok('POST', '/api/kb/articles', {
    token,
    body: {
      title: '<script>window.__xss=9</script>Returns & refunds',
      body: `Send the parcel back within **30 days**.\n\n${PAYLOADS.join('\n\n')}`,
      locale: 'en',
      status: 'published',
      slug: 'returns',
    },
  });
  context = await env.browser.context(env.api.url, PHONE);
  page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss().catch(() => undefined);
  });
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('help center in the browser', () => {
  it('a hostile article shows its text and never runs a script', async () => {
    await page.goto('/help/en/articles/returns');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      '<script>window.__xss=9</script>Returns & refunds',
    );
    const found = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
      scripts: document.querySelectorAll('script').length,
      dangerous: [...document.querySelectorAll('article *')]
        .filter(
          (el) =>
            ['SCRIPT', 'SVG', 'IFRAME', 'STYLE', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase()) ||
            [...el.attributes].some((a) => a.name.startsWith('on') || /javascript:/i.test(a.value)),
        )
        .map((el) => el.outerHTML),
      text: document.querySelector('article')?.textContent ?? '',
    }));
    expect(found).toMatchObject({ xss: null, scripts: 0, dangerous: [] });
    expect(found.text).toContain('<img src=x onerror="window.__xss=2">');
    expect(dialogs).toEqual([]);
    // Links that were javascript: are not links.
    await page
      .getByText('x-link')
      .click()
      .catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null)).toBeNull();
    await screenshot(page, 'help-center-article-phone');
  });

  it('search from the header finds the article by a word in its body, and the feedback buttons answer', async () => {
    await page.goto('/help/en');
    await page.getByRole('searchbox', { name: 'Search the help center' }).fill('parcel');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: /Returns & refunds/ }).click();
    await page.getByRole('button', { name: 'Yes' }).click();
    await page.getByText('Thank you for your feedback.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/help/en/articles/returns');
    await screenshot(page, 'help-center-feedback-phone');
  });
});
