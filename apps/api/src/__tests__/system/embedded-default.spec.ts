import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, freePort } from '../../test-support/api-process.js';

describe('the zero-setup default: no DATABASE_URL', () => {
  let dataDir: string;
  let api: ApiProcess;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-embedded-'));
    chmodSync(root, 0o755);
    dataDir = join(root, 'data');
    api = new ApiProcess(await freePort(), {
      DATA_DIR: dataDir,
      SWITCHBOARD_SEED_DEMO: 'true',
      SWITCHBOARD_SECRETS_KEY: undefined,
      DATABASE_URL: undefined,
    });
  });
  afterAll(async () => {
    await api.stop();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  async function loginAndList() {
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@test.local', password: 'admin-password-123' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const list = await fetch(`${api.url}/api/tickets`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    return (await list.json()) as { items: Array<{ number: number; subject: string }> };
  }

  it('starts a real PostgreSQL under DATA_DIR, seeds a demo workspace, and the admin can list tickets', async () => {
    await api.start(120_000);
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'secrets.key'))).toBe(true);
    const { items } = await loginAndList();
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.map((t) => t.subject).join(' ')).toMatch(/damaged|password|charged/);
  });

  it('searches with the embedded PostgreSQL too: its unaccent and pg_trgm extensions are there', async () => {
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@test.local', password: 'admin-password-123' }),
    });
    const { token } = (await login.json()) as { token: string };
    const { items } = await loginAndList();
    const subject = items.map((t) => t.subject).find((s) => /charged/i.test(s));
    expect(subject).toBeDefined();
    const res = await fetch(`${api.url}/api/search?q=CHARGED`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const found = (await res.json()) as { items: Array<{ ticket: { subject: string }; snippet: string }> };
    expect(found.items.map((i) => i.ticket.subject)).toContain(subject);
  });

  it('after a crash (SIGKILL) it starts again on the same cluster, with the same data and no second seed', async () => {
    const before = await loginAndList();
    await api.kill();
    await api.start(120_000);
    const after = await loginAndList();
    expect(after.items.map((t) => t.number).sort()).toEqual(before.items.map((t) => t.number).sort());
  });
});
