import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { DESKTOP, screenshot, signIn } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A receiver of event webhooks on loopback: records every POST and answers 200. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return { url: ['http://127.0.0.1:', String(port), '/events'].join(''), received, server };
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An admin adds an event webhook in Admin → Webhooks against the real API: a loopback URL is
 * refused until private targets are allowed, the secret is shown once and signs what the
 * receiver gets, and the delivery log shows the event and redelivers it with the same id.
 */
let env: Environment;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  [env, receiver] = await Promise.all([startEnvironment(), startReceiver()]);
}, 180_000);

afterAll(async () => {
  receiver?.server.closeAllConnections();
  await new Promise<void>((r) => (receiver ? receiver.server.close(() => r()) : r()));
  await env?.stop();
}, 60_000);

describe('Admin → Webhooks', () => {
  let context: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    context = await env.browser.context(env.api.url, DESKTOP);
    admin = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('adds a webhook, signs events with the secret it showed once, and redelivers from the log', async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto('/#/admin/webhooks');
    await admin.getByRole('heading', { name: 'Event webhooks' }).waitFor();
    await admin.getByRole('button', { name: 'Add webhook' }).click();
    const form = admin.getByRole('form', { name: 'New webhook' });
    await form.getByLabel(/^URL/).fill(receiver.url);
    await form.getByRole('checkbox', { name: 'Message created' }).check();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(/127\.0\.0\.1, a loopback address/);

    await form.getByRole('checkbox', { name: 'Allow private targets' }).check();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const notice = admin.getByRole('region', { name: ['Signing secret for', receiver.url].join(' ') });
    const secret = (await notice.locator('code').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await notice.getByRole('button', { name: 'I saved it' }).click();
    await admin.getByRole('list', { name: 'Webhooks' }).getByText(receiver.url).waitFor();

    await env.rest.inbound(env.seeded.account, { text: 'Is my order on its way?', handle: 'webhook-fan' });
    const events = await until(
      () => (receiver.received.length >= 2 ? receiver.received : undefined),
      'ticket.created and message.created',
    );
    for (const event of events) {
      const timestamp = event.headers['x-switchboard-timestamp'];
      const expected =
        'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${event.body}`).digest('hex');
      expect(event.headers['x-switchboard-signature']).toBe(expected);
    }
    const created = events.find((e) => JSON.parse(e.body).type === 'ticket.created')!;
    const eventId = created.headers['idempotency-key'];

    await admin.getByRole('button', { name: ['Delivery log of', receiver.url].join(' ') }).click();
    const row = admin.getByTestId('webhook-delivery').filter({ hasText: eventId });
    await row.getByText('Delivered').waitFor();
    await row.getByText(/: 200 in \d+ ms/).waitFor();
    await screenshot(admin, 'webhooks-admin');

    const before = receiver.received.length;
    await row.getByRole('button', { name: ['Redeliver event', eventId].join(' ') }).click();
    await until(() => receiver.received.length > before || undefined, 'the redelivery');
    const again = receiver.received[before];
    expect(again.headers['idempotency-key']).toBe(eventId);
    expect(again.body).toBe(created.body);
    await admin.getByRole('button', { name: 'Refresh' }).click();
    await row
      .getByText(/: 200 in \d+ ms/)
      .nth(1)
      .waitFor();
  }, 90_000);
});
