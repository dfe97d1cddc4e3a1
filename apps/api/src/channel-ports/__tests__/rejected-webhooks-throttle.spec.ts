import { randomBytes } from 'node:crypto';
import { FakeTelegram } from '@switchboard/test-support-providers';
import {
  REJECTED_WEBHOOK_ROWS_PER_MINUTE,
  RejectedWebhooksService,
} from '../../channel-ports/rejected-webhooks.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

const FLOOD = 200;

describe('a flood of forged webhooks cannot fill the rejected-webhooks log', () => {
  let t: TestApp;
  let admin: string;
  let bot: FakeTelegram;

  beforeAll(async () => {
    bot = new FakeTelegram();
    await bot.start();
    t = await startTestApp({ trustProxy: ['127.0.0.1'] });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t?.close();
    await bot?.close();
  });

  async function createAccount(kind: string, config: Record<string, unknown>): Promise<string> {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind, name: `${kind} ${randomBytes(3).toString('hex')}`, config },
    });
    if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async function flood(send: () => Promise<{ status: number }>): Promise<number[]> {
    const statuses: number[] = [];
    // Twenty at a time: concurrent, as a real flood is, without exhausting the test's sockets.
    for (let i = 0; i < FLOOD; i += 20)
      statuses.push(...(await Promise.all(Array.from({ length: 20 }, send))).map((r) => r.status));
    return statuses;
  }

  async function rowsFor(accountId: string): Promise<number> {
    return (await t.db.query(`SELECT id FROM rejected_webhooks WHERE channel_account_id = $1`, [accountId]))
      .length;
  }

  async function suppressedFor(accountId: string): Promise<number> {
    const row = await t.db.one<{ n: string }>(
      `SELECT coalesce(sum(suppressed_count), 0) AS n FROM rejected_webhooks WHERE channel_account_id = $1`,
      [accountId],
    );
    return Number(row!.n);
  }

  it('200 forged Twilio webhooks from one source: every one is a 403, at most the cap is stored, the rest are counted', async () => {
    const accountId = await createAccount('twilio_sms', {
      accountSid: `AC${randomBytes(16).toString('hex')}`,
      authToken: randomBytes(16).toString('hex'),
      from: '+15005550006',
      publicUrl: 'https://helpdesk.example.com',
    });
    const forged = () =>
      t.request('POST', `/api/webhooks/twilio/${accountId}`, {
        raw: new URLSearchParams({
          From: '+14155550100',
          To: '+15005550006',
          Body: 'free money',
          MessageSid: `SM${randomBytes(16).toString('hex')}`,
        }).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': 'forged',
          'x-forwarded-for': '203.0.113.5',
        },
      });
    const statuses = await flood(forged);
    expect(statuses.every((s) => s === 403)).toBe(true);
    const rows = await rowsFor(accountId);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(REJECTED_WEBHOOK_ROWS_PER_MINUTE);
    // What was not stored is still counted, on the rows that were.
    await t.app.get(RejectedWebhooksService).flushSuppressed({ all: true });
    expect(await rowsFor(accountId)).toBe(rows);
    expect(await suppressedFor(accountId)).toBe(FLOOD - rows);
    const list = await t.request('GET', `/api/admin/rejected-webhooks?channelAccountId=${accountId}`, {
      token: admin,
    });
    expect(
      list.body.items.reduce((sum: number, i: { suppressedCount: number }) => sum + i.suppressedCount, 0),
    ).toBe(FLOOD - rows);

    // Another source is logged on its own, so one attacker cannot hide another.
    const other = await t.request('POST', `/api/webhooks/twilio/${accountId}`, {
      raw: 'Body=x',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': 'forged',
        'x-forwarded-for': '198.51.100.77',
      },
    });
    expect(other.status).toBe(403);
    expect(
      await t.db.one(
        `SELECT id FROM rejected_webhooks WHERE channel_account_id = $1 AND remote_ip = '198.51.100.77'`,
        [accountId],
      ),
    ).not.toBeNull();
  });

  it('200 forged Telegram webhooks from one source: every one is a 403, at most the cap is stored', async () => {
    const accountId = await createAccount('telegram', {
      botToken: bot.botToken,
      apiBaseUrl: bot.url,
      publicUrl: 'https://helpdesk.example.com',
    });
    const forged = () =>
      t.request('POST', `/api/webhooks/telegram/${accountId}`, {
        body: { update_id: 1 },
        headers: { 'x-telegram-bot-api-secret-token': 'forged-secret', 'x-forwarded-for': '203.0.113.6' },
      });
    const statuses = await flood(forged);
    expect(statuses.every((s) => s === 403)).toBe(true);
    const rows = await rowsFor(accountId);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(REJECTED_WEBHOOK_ROWS_PER_MINUTE);
  });
});
