// Console benchmark: initial bundle size, login → first queue painted with 10,000 tickets, and
// row elements in the DOM while scrolled. Builds nothing: run `npx nx run console:build` and
// `npx nx run api:build` first. Prints figures; exits non-zero when a target is missed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { createDatabase, fmt, postJson, startApi } from '../lib/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'apps/console/dist');
const TICKETS = Number(process.env.BENCH_TICKETS ?? 10_000);
const JS_TARGET_KB = 250;
const ROWS_TARGET = 100;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const kb = (bytes) => bytes / 1024;

/** Raw and gzip size of files of the built console. */
function sizeOf(files) {
  return files.reduce(
    (sum, file) => {
      const body = readFileSync(join(dist, file.replace(/^\//, '')));
      return { raw: sum.raw + body.length, gzip: sum.gzip + gzipSync(body, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
}

/** What the browser fetches before first render: the entry script, its modulepreloads, the CSS. */
function initialAssets() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = (re) => [...html.matchAll(re)].map((m) => m[1]);
  const js = [
    ...refs(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ];
  const css = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  return { js: { files: js, ...sizeOf(js) }, css: { files: css, ...sizeOf(css) } };
}

/** One ticket through the API channel (creates contact and identity), then the rest by SQL. */
async function seedTickets(api, databaseUrl) {
  const headers = { authorization: `Bearer ${api.token}` };
  const team = (await postJson(`${api.url}/api/admin/teams`, { name: 'Bench' }, headers)).body;
  const agent = { email: 'agent@bench.local', password: 'agent-password-123' };
  const user = (
    await postJson(
      `${api.url}/api/admin/users`,
      { ...agent, name: 'Bench Agent', role: 'agent', teamIds: [team.id] },
      headers,
    )
  ).body;
  const account = (
    await postJson(
      `${api.url}/api/admin/channel-accounts`,
      { kind: 'api', name: 'Bench', teamId: team.id, config: {} },
      headers,
    )
  ).body;
  const first = await postJson(
    `${api.url}/api/channels/api/${account.id}/inbound`,
    { externalId: 'bench-0', from: { handle: 'c@bench.local', name: 'Casey Customer' }, text: 'Ticket 0' },
    { 'x-api-key': account.apiKey },
  );
  if (first.status !== 200) throw new Error(`inbound failed: ${first.status} ${JSON.stringify(first.body)}`);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const t0 = performance.now();
  await db.query(
    `INSERT INTO tickets (subject, status, priority, channel, channel_account_id, contact_id, team_id, assignee_id, last_message_at, created_at, updated_at)
     SELECT 'Bench ticket ' || i, 'open', (ARRAY['low','normal','high','urgent'])[1 + i % 4]::ticket_priority, t.channel, t.channel_account_id, t.contact_id, t.team_id, $2,
            now() - make_interval(secs => i), now() - make_interval(secs => i), now() - make_interval(secs => i)
       FROM tickets t, generate_series(1, $3 - 1) AS i WHERE t.id = $1`,
    [first.body.ticketId, user.id, TICKETS],
  );
  await db.query(`UPDATE tickets SET assignee_id = $2, status = 'open' WHERE id = $1`, [
    first.body.ticketId,
    user.id,
  ]);
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE assignee_id = $1`, [user.id]);
  await db.end();
  return { agent, count: rows[0].n, seedSeconds: (performance.now() - t0) / 1000 };
}

async function measureBrowser(apiUrl, agent) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    // Every script the console fetches until the queue shows, not only what index.html names:
    // the app itself is imported dynamically at start (after zod is set jitless for the CSP).
    const scriptsBeforeQueue = new Set();
    let queueShown = false;
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (!queueShown && path.endsWith('.js')) scriptsBeforeQueue.add(path);
    });
    await page.goto(`${apiUrl}/`);
    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel('Password').fill(agent.password);
    await page.evaluate(() =>
      document
        .querySelector('form')
        .addEventListener('submit', () => (window.benchT0 = performance.now()), { capture: true }),
    );
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ticket-row"]'), null, {
      timeout: 60_000,
    });
    queueShown = true;
    // Painted: the frame after the first row is in the DOM.
    const loginToQueueMs = await page.evaluate(
      () =>
        new Promise((r) =>
          requestAnimationFrame(() => setTimeout(() => r(performance.now() - window.benchT0))),
        ),
    );
    const initialRows = await page.locator('[data-testid="ticket-row"]').count();

    // Scroll to the end until every page is loaded (infinite scroll), then into the middle.
    const list = page.getByRole('grid', { name: 'Tickets' });
    const loaded = () =>
      page.evaluate(() =>
        Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0),
      );
    const started = performance.now();
    let maxRows = 0;
    while ((await loaded()) < TICKETS && performance.now() - started < 120_000) {
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(50);
      maxRows = Math.max(maxRows, await page.locator('[data-testid="ticket-row"]').count());
    }
    const loadAllSeconds = (performance.now() - started) / 1000;
    const total = await loaded();
    const middle = [];
    for (const at of [0.25, 0.5, 0.75]) {
      await list.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), at);
      await page.waitForTimeout(100);
      middle.push(await page.locator('[data-testid="ticket-row"]').count());
    }
    const visibleNumber = await page.locator('[data-testid="ticket-row"] .row-number').first().textContent();
    return {
      scriptsBeforeQueue: [...scriptsBeforeQueue],
      loginToQueueMs,
      initialRows,
      total,
      loadAllSeconds,
      rowsWhileScrolled: Math.max(maxRows, ...middle),
      middle,
      visibleNumber,
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  for (const file of [join(dist, 'index.html'), join(root, 'apps/api/dist/main.js')]) {
    if (!existsSync(file))
      throw new Error(`${file} is missing: run \`npx nx run-many -t build --projects=api,console\` first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const assets = initialAssets();
  console.log('Console bundle (initial load, gzip level 9)');
  console.log(
    `  JS named by index.html: ${fmt(kb(assets.js.gzip))} KB gzip (${fmt(kb(assets.js.raw))} KB raw) in ${assets.js.files.length} file(s)`,
  );
  console.log(
    `  CSS: ${fmt(kb(assets.css.gzip))} KB gzip (${fmt(kb(assets.css.raw))} KB raw) in ${assets.css.files.length} file(s)`,
  );

  const database = await createDatabase();
  const api = await startApi(database.url);
  try {
    const seeded = await seedTickets(api, database.url);
    console.log(`Seeded ${seeded.count} tickets assigned to one agent in ${fmt(seeded.seedSeconds)} s`);
    const m = await measureBrowser(api.url, seeded.agent);
    const beforeQueue = sizeOf(m.scriptsBeforeQueue);
    console.log(
      `  JS fetched until the queue showed: ${fmt(kb(beforeQueue.gzip))} KB gzip (${fmt(kb(beforeQueue.raw))} KB raw) in ${m.scriptsBeforeQueue.length} file(s)  target ≤ ${JS_TARGET_KB} KB`,
    );
    console.log('Headless chromium, 1366×800');
    console.log(
      `  login → first queue painted: ${fmt(m.loginToQueueMs, 0)} ms (${m.initialRows} rows rendered)`,
    );
    console.log(`  scrolled through ${m.total} tickets (all pages loaded in ${fmt(m.loadAllSeconds)} s)`);
    console.log(
      `  row elements in the DOM while scrolled: max ${m.rowsWhileScrolled} (at 25/50/75%: ${m.middle.join('/')})  target ≤ ${ROWS_TARGET}`,
    );
    const ok =
      kb(beforeQueue.gzip) <= JS_TARGET_KB && m.rowsWhileScrolled <= ROWS_TARGET && m.total >= seeded.count;
    console.log(ok ? 'All targets met.' : 'A target was missed.');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await api.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
