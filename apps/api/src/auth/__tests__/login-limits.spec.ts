import { loadConfig } from '../../config/app-config.js';
import { ADMIN, startTestApp, type TestApp } from '../../test-support/test-app.js';

type Login = { email: string; password: string };

/** Every login costs a full argon2 check (also for unknown accounts): tests of 30+ logins get time on a busy machine. */
const GUESSING_TIMEOUT = 240_000;

function loginFrom(t: TestApp, body: Login, forwardedFor?: string) {
  return t.request('POST', '/api/auth/login', {
    body,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
}

/** Wrong passwords for `count` different (unknown) accounts, so only the per-address limit can stop them. */
async function failFromManyAccounts(
  t: TestApp,
  count: number,
  prefix: string,
  forwardedFor: (i: number) => string | undefined,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++)
    statuses.push(
      (await loginFrom(t, { email: `${prefix}-${i}@test.local`, password: 'wrong-guess' }, forwardedFor(i)))
        .status,
    );
  return statuses;
}

describe('login limits cannot be dodged with a made-up client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a refused webhook records the real peer address, not a forged X-Forwarded-For', async () => {
    const res = await t.request('POST', '/api/webhooks/telegram/not-an-account', {
      body: {},
      headers: { 'x-forwarded-for': '203.0.113.99' },
    });
    expect(res.status).toBe(404);
    const row = await t.db.one<{ remote_ip: string }>(
      `SELECT remote_ip FROM rejected_webhooks ORDER BY id DESC LIMIT 1`,
    );
    expect(row?.remote_ip).not.toBe('203.0.113.99');
    expect(row?.remote_ip).toMatch(/127\.0\.0\.1/);
  });

  it(
    'rotating X-Forwarded-For on every guess still runs into the per-address limit',
    async () => {
      const statuses = await failFromManyAccounts(t, 32, 'spray', (i) => `198.51.100.${i + 1}`);
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
    },
    GUESSING_TIMEOUT,
  );
});

describe('a shared office address is not locked out by its own successful sign-ins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it(
    'more successful logins from one address than its limit leave a colleague able to sign in',
    async () => {
      await t.createUser({ email: 'colleague@test.local' });
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) statuses.push((await loginFrom(t, ADMIN)).status);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(
        (await loginFrom(t, { email: 'colleague@test.local', password: 'agent-password-123' })).status,
      ).toBe(200);
    },
    GUESSING_TIMEOUT,
  );
});

describe('behind a trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ trustProxy: ['127.0.0.1'] });
  });
  afterAll(() => t.close());

  it(
    'each forwarded client address gets its own login window',
    async () => {
      const first = await failFromManyAccounts(t, 31, 'office-a', () => '203.0.113.7');
      expect(first.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(first[30]).toBe(429);
      // Another client behind the same proxy is not punished for the first one's guesses.
      expect(
        (await loginFrom(t, { email: 'office-b@test.local', password: 'wrong-guess' }, '203.0.113.8')).status,
      ).toBe(401);
      expect((await loginFrom(t, ADMIN, '203.0.113.8')).status).toBe(200);
    },
    GUESSING_TIMEOUT,
  );

  it('a refused webhook records the forwarded client address', async () => {
    const res = await t.request('POST', '/api/webhooks/telegram/not-an-account', {
      body: {},
      headers: { 'x-forwarded-for': '203.0.113.42' },
    });
    expect(res.status).toBe(404);
    const row = await t.db.one<{ remote_ip: string }>(
      `SELECT remote_ip FROM rejected_webhooks ORDER BY id DESC LIMIT 1`,
    );
    expect(row?.remote_ip).toBe('203.0.113.42');
  });

  it('guessing one account from ever new addresses still hits the per-account limit', async () => {
    await t.createUser({ email: 'target@test.local' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await loginFrom(t, { email: 'Target@test.local', password: `guess-${i}` }, `192.0.2.${i + 1}`))
          .status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The owner, from yet another address, waits too: the limit is on the account.
    expect(
      (await loginFrom(t, { email: 'target@test.local', password: 'agent-password-123' }, '192.0.2.200'))
        .status,
    ).toBe(429);
  });
});

describe('TRUST_PROXY', () => {
  it('is a comma-separated list of addresses and CIDR ranges, empty by default', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1 ,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
    ]);
  });

  it('refuses what is not an address, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });
});

describe('changing the password is limited like login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('after ten wrong current passwords the next try is a 429, even with the right one', async () => {
    const user = await t.createUser({ email: 'stolen-laptop@test.local' });
    const change = (currentPassword: string) =>
      t.request('POST', '/api/auth/password', {
        token: user.token,
        body: { currentPassword, newPassword: 'a-much-better-password' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await change(`guess-${i}`)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const blocked = await change('agent-password-123');
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/too many/);
  });

  it('a user trying new passwords the policy refuses, with the right current one, is not locked out', async () => {
    const user = await t.createUser({ email: 'picky-policy@test.local' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.request('POST', '/api/auth/password', {
        token: user.token,
        body: { currentPassword: 'agent-password-123', newPassword: 'aaaaaaaaaaaa' },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(12).fill(400));
  });
});
