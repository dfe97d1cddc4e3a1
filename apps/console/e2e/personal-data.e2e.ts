import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import axe from 'axe-core';
import yauzl from 'yauzl';
import { ADMIN } from './support/api-server';
import { DESKTOP, screenshot, signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * A data request in the browser: the admin exports everything about a customer as a zip, then
 * erases them after typing their name; the customer is gone from search and the ticket stays.
 * The admin also sets how long closed tickets and quarantined mail are kept.
 */
let env: Environment;
let contactId = '';
let ticketId = '';

/** The entries of a zip file by path. */
function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

/** axe's serious and critical findings on the page as it is (evaluated over the devtools protocol, so the CSP stays on). */
async function accessibilityProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id} at ${node.target.join(' ')}`));
}

beforeAll(async () => {
  env = await startEnvironment();
  const first = await env.rest.inbound(env.seeded.account, {
    handle: 'zelda@example.com',
    name: 'Zelda Marchbanks',
    text: 'My membership word is Quokkafest',
    subject: 'Membership question',
  });
  ticketId = first.ticketId;
  const admin = await env.rest.login(ADMIN.email, ADMIN.password);
  contactId = (await env.rest.ok('GET', `/api/tickets/${ticketId}`, { token: admin })).contact.id;
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('personal data in the console', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await env.browser.context(env.api.url, DESKTOP);
    page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
  });
  afterAll(() => context?.close());

  it('the admin exports the contact as a zip holding what they wrote', async () => {
    await page.goto(`/#/contacts/${contactId}`);
    await page.getByRole('heading', { name: 'Zelda Marchbanks' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export data' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`contact-${contactId}.zip`);
    const entries = await unzip((await download.path())!);
    const doc = JSON.parse(entries.get('contact.json')!.toString('utf8'));
    expect(doc.contact.name).toBe('Zelda Marchbanks');
    expect(doc.tickets[0].messages[0].text).toBe('My membership word is Quokkafest');
    await page.getByText('The export was saved as a zip file.').waitFor();
  });

  it('erasing asks for the name, then the customer is gone from search and the ticket stays, anonymous', async () => {
    await page.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase this contact' });
    const confirm = dialog.getByRole('button', { name: 'Erase for good' });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Type “Zelda Marchbanks” to confirm').fill('Zelda Marchbanks');
    await screenshot(page, 'contact-erase-confirmation');
    expect(await accessibilityProblems(page)).toEqual([]);
    await confirm.click();
    await page.getByText(/^Contact erased. Tickets kept anonymous: 1;/).waitFor();
    await eventually(
      'the page to show the contact without a name',
      async () =>
        (await page.getByRole('heading', { level: 2 }).first().textContent())?.includes('Zelda') === false,
    );

    await page.goto('/#/contacts');
    await page.getByLabel('Search contacts').fill('Marchbanks');
    await page.getByText('No contacts match.').waitFor();
    const admin = await env.rest.login(ADMIN.email, ADMIN.password);
    const ticket = await env.rest.ok('GET', `/api/tickets/${ticketId}`, { token: admin });
    expect(ticket.contact).toMatchObject({ id: contactId, name: null, identities: [] });
    const search = await env.rest.ok('GET', '/api/tickets?q=Quokkafest', { token: admin });
    expect(search.items).toEqual([]);
  });

  it('the admin sets retention under Admin → Personal data', async () => {
    await page.goto('/#/admin/privacy');
    const days = page.getByLabel('Delete closed tickets after (days)');
    await days.fill('365');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.getByText('Retention saved.').waitFor();
    await screenshot(page, 'admin-retention');
    expect(await accessibilityProblems(page)).toEqual([]);
    const admin = await env.rest.login(ADMIN.email, ADMIN.password);
    const settings = await env.rest.ok('GET', '/api/admin/settings', { token: admin });
    expect(settings.retention).toEqual({
      deleteClosedTicketsAfterDays: 365,
      deleteQuarantineAfterDays: null,
    });
  });
});
