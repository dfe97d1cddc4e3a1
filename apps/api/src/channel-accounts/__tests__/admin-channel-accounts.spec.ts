import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** What the admin screen's channel list reads: every account, the webhook URL to paste, no credential. */
describe('admin channel account list', () => {
  let t: TestApp;
  let admin: string;
  const CLOSED = 'http://127.0.0.1:9';
  const secrets = {
    imapPassword: 'imap-secret-5f1c',
    smtpPassword: 'smtp-secret-77aa',
    authToken: 'twilio-secret-0b9e',
    pageAccessToken: 'meta-page-secret-1d2e',
    appSecret: 'meta-app-secret-3f4a',
    verifyToken: 'meta-verify-secret-5b6c',
    botToken: '123456789:AAtelegram-secret-token-xyz',
    identitySecret: 'chat-identity-secret-7d8e9f',
  };
  const created: Record<string, { id: string; webhookUrl?: string; signingSecret?: string }> = {};

  async function create(kind: string, config: Record<string, unknown>) {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind, name: `${kind} account`, config },
    });
    expect(res.status).toBe(201);
    created[kind] = res.body;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    await create('email', {
      address: 'help@shop.test',
      imap: { host: '127.0.0.1', port: 9, secure: false, user: 'help', password: secrets.imapPassword },
      smtp: { host: '127.0.0.1', port: 9, secure: false, user: 'help', password: secrets.smtpPassword },
    });
    await create('twilio_sms', {
      accountSid: `AC${'a'.repeat(32)}`,
      authToken: secrets.authToken,
      from: '+15005550006',
      publicUrl: 'https://help.shop.test',
      apiBaseUrl: CLOSED,
    });
    await create('messenger', {
      pageId: '1234',
      pageAccessToken: secrets.pageAccessToken,
      appSecret: secrets.appSecret,
      verifyToken: secrets.verifyToken,
      apiBaseUrl: CLOSED,
    });
    await create('telegram', { botToken: secrets.botToken, apiBaseUrl: CLOSED });
    await create('web_chat', { title: 'Shop chat', identitySecret: secrets.identitySecret });
    await create('api', { callbackUrl: `${CLOSED}/callback` });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists every account with its kind, name and team, and never a credential', async () => {
    const res = await t.request('GET', '/api/admin/channel-accounts', { token: admin });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((a: { kind: string; name: string; teamId: string | null }) => [
        a.kind,
        a.name,
        a.teamId,
      ]),
    ).toEqual(
      ['email', 'twilio_sms', 'messenger', 'telegram', 'web_chat', 'api'].map((kind) => [
        kind,
        `${kind} account`,
        null,
      ]),
    );
    const text = JSON.stringify(res.body);
    for (const [name, value] of Object.entries({ ...secrets, signingSecret: created.api.signingSecret! })) {
      expect({ [name]: text.includes(value) }).toEqual({ [name]: false });
    }
    expect(text).not.toMatch(/secretToken|apiKeyHash|api_key_hash/);
  });

  it('gives webhook channels the URL to paste into the provider, from the public URL or the address the admin used', async () => {
    const res = await t.request('GET', '/api/admin/channel-accounts', { token: admin });
    const urlOf = (kind: string) => res.body.items.find((a: { kind: string }) => a.kind === kind).webhookUrl;
    expect(urlOf('twilio_sms')).toBe(`https://help.shop.test/api/webhooks/twilio/${created.twilio_sms.id}`);
    expect(urlOf('messenger')).toBe(`${t.url}/api/webhooks/meta/${created.messenger.id}`);
    expect(urlOf('telegram')).toBe(created.telegram.webhookUrl);
    expect([urlOf('email'), urlOf('web_chat'), urlOf('api')]).toEqual([undefined, undefined, undefined]);
  });

  it('is for admins only', async () => {
    const agent = await t.createUser({ email: 'agent@test.local' });
    const res = await t.request('GET', '/api/admin/channel-accounts', { token: agent.token });
    expect(res.status).toBe(403);
  });
});
