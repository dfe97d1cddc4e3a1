import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import type { MailUser } from '../../api/src/test-support/dovecot';
import { mail } from '../../api/src/test-support/email-harness';
import { screenshot, signIn, takeCspViolations } from './support/browser';
import { eventually, startMailEnvironment, type MailEnvironment } from './support/environment';

/**
 * XSS: hostile HTML mail opened in the console runs no script. Two ways in:
 * - through the real email channel (a mail APPENDed to a real Dovecot, fetched by the API's
 *   watcher, parsed and sanitized on the server), and
 * - the worst case: a message row whose `html` is the RAW hostile HTML, written with SQL, so only
 *   the console's own sanitizing stands between the payloads and the agent.
 * The payloads set `window.__xss` (or open a dialog) if they ever run.
 */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<a href="javascript:window.__xss=3">x-link</a>',
  '<a href="jav&#x09;ascript:window.__xss=4">y-link</a>',
  '<svg><script>window.__xss=5</script></svg>',
  '<svg onload="window.__xss=6">',
  '<style>body{background:url(javascript:window.__xss=7)}</style>',
  '<iframe srcdoc="<script>parent.__xss=8</script>">',
  '<form action=javascript:alert(1)><button>z-button</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=9>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=10">',
];
const VISIBLE = 'Please look at my order, it is urgent';
const hostileHtml = (tag: string) =>
  `<!doctype html><html><head><meta http-equiv="refresh" content="0;url=javascript:window.__xss=11"><base href="javascript:window.__xss=12//"></head><body>` +
  `<p id="visible">${VISIBLE} (${tag})</p>` +
  PAYLOADS.map((p) => `<div>${p}</div>`).join('\n') +
  `</body></html>`;

const MAILBOX: MailUser = { user: 'inbox@xss-support.test', password: 'inbox-pw' };

let env: MailEnvironment;
let anaContext: BrowserContext;
let ana: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  env = await startMailEnvironment([MAILBOX]);
  anaContext = await env.browser.context(env.api.url);
  ana = await anaContext.newPage();
  ana.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  ana.on('pageerror', (e) => pageErrors.push(String(e)));
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

const timeline = (page: Page) => page.getByRole('list', { name: 'Conversation' });

async function openTicket(page: Page, ticketId: string) {
  await page.evaluate((id) => (window.location.hash = `/tickets/${id}`), ticketId);
  await timeline(page).waitFor();
}

/** Everything dangerous left in the rendered timeline, as readable findings (empty when safe). */
async function dangerIn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('ol.timeline');
    if (!root) return ['no timeline'];
    const found: string[] = [];
    for (const tag of [
      'script',
      'iframe',
      'object',
      'embed',
      'base',
      'frame',
      'frameset',
      'applet',
      'style',
      'form',
      'link',
    ]) {
      if (root.querySelector(tag)) found.push(`<${tag}> element`);
    }
    if (root.querySelector('svg script')) found.push('<svg><script>');
    if (root.querySelector('meta')) found.push('<meta> element');
    for (const el of Array.from(root.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) found.push(`<${el.tagName.toLowerCase()} ${name}>`);
        if (
          [
            'href',
            'src',
            'action',
            'formaction',
            'xlink:href',
            'srcdoc',
            'data',
            'background',
            'poster',
          ].includes(name)
        ) {
          // What the browser would resolve: control characters and whitespace inside a scheme are ignored.
          const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (name === 'srcdoc' || /^(?:javascript|vbscript|data:text\/html)/.test(value))
            found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value}">`);
        }
      }
    }
    return found;
  });
}

async function xssMarker(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
}

async function assertNothingRan(page: Page, article: ReturnType<Page['locator']>, name: string) {
  // Give onerror/onload handlers, meta refreshes and iframes time to fire if they survived.
  await page.waitForTimeout(1500);
  await screenshot(page, name);
  expect(await dangerIn(page)).toEqual([]);
  expect(await xssMarker(page)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // The agent still reads the mail.
  expect(await article.textContent()).toContain(VISIBLE);
  // Clicking what is left of the links and the button runs nothing and leaves the console in place.
  await page.evaluate(() => ((window as unknown as { e2eMark: boolean }).e2eMark = true));
  for (const label of ['x-link', 'y-link', 'z-button']) {
    const target = article.getByText(label, { exact: true });
    if (await target.count())
      await target
        .first()
        .click({ timeout: 5000 })
        .catch(() => undefined);
  }
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark)).toBe(true);
  expect(await xssMarker(page)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(new URL(page.url()).protocol).toBe('http:');
  // CSS from the mail does not restyle the console.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundImage)).toBe('none');
}

describe('hostile HTML mail in the console', () => {
  it('signs Ana in', async () => {
    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
  });

  it('a hostile mail through the real email channel is shown sanitized and runs nothing', async () => {
    await env.connectMailbox('XSS inbox', MAILBOX);
    await env.dovecot.append(
      MAILBOX,
      mail({
        from: 'Mallory Hacker <mallory@evil.test>',
        to: MAILBOX.user,
        subject: 'Hostile HTML by email',
        text: `${VISIBLE} (email)`,
        html: hostileHtml('email'),
        messageId: '<hostile-1@evil.test>',
      }),
    );
    // The watcher scans for new accounts every few seconds, then fetches the mail.
    const row = await eventually(
      'the hostile mail stored by the email channel',
      async () =>
        (
          await env.db.query<{ ticket_id: string; html: string | null }>(
            `SELECT ticket_id, html FROM messages WHERE external_id = '<hostile-1@evil.test>'`,
          )
        ).rows[0],
      60_000,
    );
    // Stored sanitized on the server already.
    expect(row.html).toBeTruthy();
    expect(row.html).not.toMatch(/<script|onerror|onload|javascript:|<iframe|<svg|<style|<meta|<base|<form/i);
    expect(row.html).toContain(VISIBLE);

    await openTicket(ana, row.ticket_id);
    const article = timeline(ana)
      .getByRole('article', { name: /^Customer message from/ })
      .filter({ hasText: VISIBLE });
    await article.waitFor();
    await assertNothingRan(ana, article, 'xss-01-email-channel');
  });

  it('RAW hostile HTML written straight to the database (server sanitizing bypassed) runs nothing either', async () => {
    const first = await env.rest.inbound(env.seeded.account, {
      handle: 'raw@evil.test',
      name: 'Raw Row',
      threadKey: 'xss-raw',
      text: 'Opening message',
      subject: 'Raw hostile HTML',
    });
    const html = hostileHtml('raw');
    const inserted = await env.db.query<{ id: string }>(
      `INSERT INTO messages (ticket_id, direction, kind, channel, channel_account_id, identity_id, text, html)
       SELECT ticket_id, 'in', 'message', channel, channel_account_id, identity_id, $2, $3 FROM messages WHERE id = $1
       RETURNING id`,
      [first.messageId, `${VISIBLE} (raw)`, html],
    );
    expect(inserted.rows).toHaveLength(1);
    expect(
      (await env.db.query(`SELECT html FROM messages WHERE id = $1`, [inserted.rows[0].id])).rows[0].html,
    ).toBe(html);

    await ana.goto('/');
    await ana.getByRole('navigation', { name: 'Queues' }).waitFor();
    await openTicket(ana, first.ticketId);
    const article = timeline(ana).locator(`[data-message-id="${inserted.rows[0].id}"]`).getByRole('article');
    await article.waitFor();
    await assertNothingRan(ana, article, 'xss-02-raw-html');
    expect(pageErrors).toEqual([]);
    // The raw payloads meet the CSP too while the console sanitizes them: whatever the browser
    // reports is it refusing their inline handlers or <style>, never anything of the console's own.
    const refused = takeCspViolations();
    expect(
      refused.filter(
        (v) =>
          !/inline event handler|Applying inline style|script-src-attr blocked inline|style-src-elem blocked inline/.test(
            v,
          ),
      ),
    ).toEqual([]);
  });
});
