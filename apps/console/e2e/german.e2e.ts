import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { DESKTOP, PHONE, screenshot, type Device } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

/**
 * The console in German: a browser whose language is de-DE gets the German console from the first
 * screen (login, queue, an open ticket, dates as Germans write them), and the agent can switch to
 * English in the header; the page changes at once, without a reload.
 */
let env: Environment;

beforeAll(async () => {
  env = await startEnvironment();
}, 120_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

// "5.12.2026, 21:38:31" and "12/5/2026, 9:38:31 PM": the timeline's date and time in each language.
const GERMAN_DATE_TIME = /^\d{1,2}\.\d{1,2}\.\d{4}, \d{1,2}:\d{2}:\d{2}$/;
const ENGLISH_DATE_TIME = /^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}:\d{2}\s?[AP]M$/;

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { e2eMark: boolean }).e2eMark = true));
}

const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark === true);

describe.each([
  ['desktop', DESKTOP, 'order-de-desktop'],
  ['phone', PHONE, 'order-de-phone'],
] as const)('the console in German (%s)', (screen, device, threadKey) => {
  let page: Page;

  beforeAll(async () => {
    // A German browser in Berlin: the console follows navigator.languages and the time zone.
    const german: Device = { ...device, locale: 'de-DE', timezoneId: 'Europe/Berlin' } as Device;
    const context = await env.browser.context(env.api.url, german);
    page = await context.newPage();
  });

  it('shows the login screen in German', async () => {
    await page.goto('/');
    await page.getByText('Melden Sie sich an, um Ihren Kunden zu antworten.').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.getByLabel('E-Mail').fill(env.seeded.ana.email);
    await page.getByLabel('Passwort').fill('not-the-password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    // The server's own words stay as the server sends them; the page around them is German.
    await page.getByRole('alert').waitFor();
    await screenshot(page, `german-login-${screen}`);
    await page.getByLabel('Passwort').fill(env.seeded.ana.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('navigation', { name: 'Listen' }).waitFor();
    await expect(page.getByRole('button', { name: 'Abmelden' }).isVisible()).resolves.toBe(true);
  });

  it('shows the queue in German, with the number of tickets in German plural forms', async () => {
    const { ticketId } = await env.rest.inbound(env.seeded.account, {
      handle: `kunde-${screen}@example.com`,
      name: 'Klara Kundin',
      threadKey,
      text: `Mein Mixer ist kaputt (${screen})`,
    });
    await page
      .getByRole('navigation', { name: 'Listen' })
      .getByRole('button', { name: /^Alle|^Nicht zugewiesen/ })
      .first()
      .click();
    const row = page.getByTestId('ticket-row').filter({ hasText: `Mein Mixer ist kaputt (${screen})` });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('neu');
    await expect(page.locator('.queue-header').textContent()).resolves.toMatch(/\d+\+? Tickets?/);
    await expect(page.getByRole('button', { name: 'Abmelden' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Tickets nach Text oder #Nummer durchsuchen').isVisible()).resolves.toBe(
      true,
    );
    await screenshot(page, `german-queue-${screen}`);
    expect(await noSidewaysScroll(page)).toBe(true);

    await row.click();
    const conversation = page.getByRole('list', { name: 'Unterhaltung' });
    await conversation.waitFor();
    const message = conversation.getByRole('article', { name: /^Kundennachricht von Klara Kundin/ });
    await message.waitFor();
    await expect(message.locator('time').first().textContent()).resolves.toMatch(GERMAN_DATE_TIME);
    await conversation.getByText(/^Ticket eröffnet über API/).waitFor();
    await expect(page.getByRole('button', { name: 'Zurückstellen…' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Übergeben…' }).isVisible()).resolves.toBe(true);
    expect(ticketId).toBeTruthy();
    await screenshot(page, `german-ticket-${screen}`);
    expect(await noSidewaysScroll(page)).toBe(true);
  });

  it('switches to English in the header without a reload', async () => {
    await markPage(page);
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    const conversation = page.getByRole('list', { name: 'Conversation' });
    await conversation.waitFor();
    const message = conversation.getByRole('article', { name: /^Customer message from Klara Kundin/ });
    await expect(message.locator('time').first().textContent()).resolves.toMatch(ENGLISH_DATE_TIME);
    await conversation.getByText(/^Ticket opened via API/).waitFor();
    await expect(page.getByRole('button', { name: 'Hold…' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await stillSamePage(page)).toBe(true);
    await screenshot(page, `german-switched-to-english-${screen}`);
    expect(await noSidewaysScroll(page)).toBe(true);
  });
});

describe('the admin screens and the supervisor dashboard in German', () => {
  let page: Page;

  beforeAll(async () => {
    const german: Device = { ...DESKTOP, locale: 'de-DE', timezoneId: 'Europe/Berlin' } as Device;
    const context = await env.browser.context(env.api.url, german);
    page = await context.newPage();
    // A ticket from this week, so the dashboard's volume chart has an hour to label.
    await env.rest.inbound(env.seeded.account, {
      handle: 'admin-de@example.com',
      name: 'Greta Gast',
      threadKey: 'admin-de',
      text: 'Wo bleibt meine Bestellung?',
    });
    await page.goto('/');
    await page.getByLabel('E-Mail').fill(ADMIN.email);
    await page.getByLabel('Passwort').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('navigation', { name: 'Listen' }).waitFor();
  });

  it('shows Verwaltung → Personen and → SLA in German, weekdays as Germans write them', async () => {
    await page.getByRole('link', { name: 'Verwaltung' }).click();
    const sections = page.getByRole('navigation', { name: 'Admin-Bereiche' });
    await sections.waitFor();
    await page.getByRole('heading', { name: 'Textbausteine' }).waitFor();

    await sections.getByRole('link', { name: 'Personen', exact: true }).click();
    await page.getByRole('heading', { name: 'Personen', level: 2 }).waitFor();
    const headers = await page.locator('.people-table thead th').allTextContents();
    expect(headers.slice(0, 5)).toEqual(['Name', 'E-Mail', 'Rolle', 'Teams', 'Status']);
    await page.getByRole('button', { name: 'Person hinzufügen' }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Rolle' }).inputValue()).resolves.toBe('agent');
    await screenshot(page, 'german-admin-people');

    await sections.getByRole('link', { name: 'SLA' }).click();
    await page.getByRole('heading', { name: 'SLA-Richtlinien' }).waitFor();
    const week = page.getByRole('group', { name: 'Wöchentliche Öffnungszeiten' });
    await week.waitFor();
    const days = await page.locator('.sla-admin-day').allTextContents();
    expect(days.map((day) => day.replace('.', ''))).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
    await page.getByRole('button', { name: 'Kalender anlegen' }).waitFor();
  });

  it('shows the supervisor dashboard in German, with the chart hours in German', async () => {
    await page.getByRole('link', { name: 'Supervisor' }).click();
    await page.getByRole('heading', { name: 'Braucht Aufmerksamkeit' }).waitFor();
    await expect(page.getByTestId('tile-open').locator('.tile-label').textContent()).resolves.toBe('Offen');
    await expect(page.getByRole('combobox', { name: 'Zeitraum', exact: true }).inputValue()).resolves.toBe(
      '7d',
    );
    const volume = page.locator('figure.chart').filter({ hasText: 'Neue Tickets nach Kanal pro Stunde' });
    await volume.locator('summary').click();
    // "Sa., 21 Uhr": weekday and hour in German, in the browser's time zone (Berlin).
    const hours = await volume.locator('tbody th').allTextContents();
    expect(hours.length).toBeGreaterThan(0);
    for (const hour of hours) expect(hour).toMatch(/^(Mo|Di|Mi|Do|Fr|Sa|So)\.?, \d{2} Uhr$/);
    await screenshot(page, 'german-supervisor');
  });
});
