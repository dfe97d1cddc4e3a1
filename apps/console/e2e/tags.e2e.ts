import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { DESKTOP, PHONE, screenshot, signIn, type Device } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * Tags as an agent types and looks for them, at desktop and phone sizes: "Export PDF" added in
 * the console is shown as the one stored spelling, and the tag filter and the search box both
 * find the ticket by "export pdf", whatever the case.
 */
let env: Environment;

const queueRows = (page: Page) => page.getByTestId('ticket-row');
const searchResults = (page: Page) => page.getByTestId('search-result');
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

beforeAll(async () => {
  env = await startEnvironment();
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe.each([
  ['desktop 1440x900', 'desk', DESKTOP],
  ['phone 390x844', 'phone', PHONE],
] as [string, string, Device][])('tags at %s', (_label, tag, device) => {
  const width = device.viewport!.width;
  let context: BrowserContext;
  let page: Page;
  let ticketId = '';

  beforeAll(async () => {
    context = await env.browser.context(env.api.url, device);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('an agent adds "Export PDF" on a ticket and sees it in its one spelling', async () => {
    const { account, ana } = env.seeded;
    ({ ticketId } = await env.rest.inbound(account, {
      text: `${tag} tags: the report will not download`,
      handle: `${tag}-tags@example.com`,
      name: 'Tara Tag',
    }));
    await signIn(page, ana.email, ana.password);
    await page.evaluate((id) => (window.location.hash = `/tickets/${id}`), ticketId);
    const addTag = page.getByLabel('Add tag');
    await addTag.fill('Export PDF');
    await addTag.press('Enter');
    const tags = page.getByRole('list', { name: 'Tags' });
    await tags.getByRole('listitem').filter({ hasText: 'export pdf' }).waitFor();
    expect(
      (await tags.getByRole('listitem').allTextContents()).map((t) => t.replace('×', '').trim()),
    ).toEqual(['export pdf']);
    // Typed again in another case it is the same tag, not a second one.
    await addTag.fill('EXPORT  pdf');
    await addTag.press('Enter');
    await eventually('the tag box to empty', async () => (await addTag.inputValue()) === '');
    expect(await tags.getByRole('listitem').count()).toBe(1);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    // The notification bell in the top bar is drawn, not an emoji that shows as an empty box.
    const bell = page.getByRole('button', { name: /^Notifications/ });
    expect(await bell.locator('svg').count()).toBe(1);
    expect(await bell.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
    await screenshot(page, `tags-${tag}-on-ticket`);
  });

  it('the tag filter "Export PDF" and the search "export PDF" both find the ticket', async () => {
    await page.evaluate(() => localStorage.removeItem('switchboard.filters'));
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^Support/ })
      .click();
    const row = queueRows(page).filter({ hasText: `${tag} tags:` });
    await row.waitFor();

    const tagFilter = page.getByLabel('Tag', { exact: true });
    await tagFilter.fill('Export PDF');
    await tagFilter.press('Enter');
    await row.waitFor();
    await eventually(
      'only tagged tickets in the list',
      async () => (await queueRows(page).filter({ hasNotText: `tags:` }).count()) === 0,
    );
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    await tagFilter.fill('');
    await tagFilter.press('Enter');

    // The search box searches every ticket the agent may open; tags are searched with subjects.
    const search = page.getByLabel('Search tickets by text or #number');
    await search.fill('export PDF');
    await search.press('Enter');
    const result = searchResults(page).filter({ hasText: `${tag} tags:` });
    await result.waitFor();
    await eventually(
      'the search to find only tagged tickets',
      async () => (await searchResults(page).filter({ hasNotText: `tags:` }).count()) === 0,
    );
    expect(await result.locator('mark').allTextContents()).toEqual(['export', 'pdf']);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    await screenshot(page, `tags-${tag}-found`);
    await search.fill('');
    await search.press('Enter');
  });
});
