import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** A channel's free-form `config` is stored as jsonb: its depth and size are bounded with a 400, never a 500. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

/** The same shape as JSON text: the test's own JSON.stringify runs out of stack thousands of levels down. */
const nestedJson = (depth: number) => `${'{"a":'.repeat(depth - 1)}{"leaf":true}${'}'.repeat(depth - 1)}`;

describe('channel account config bounds', () => {
  let t: TestApp;
  let admin: string;
  let accountId: string;

  const json = { 'content-type': 'application/json' };
  const create = (config: unknown) =>
    t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind: 'api', name: 'Bounded', config },
    });
  const patch = (config: unknown) =>
    t.request('PATCH', `/api/admin/channel-accounts/${accountId}`, { token: admin, body: { config } });
  const createRaw = (config: string) =>
    t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      headers: json,
      raw: `{"kind":"api","name":"Bounded","config":${config}}`,
    });
  const patchRaw = (config: string) =>
    t.request('PATCH', `/api/admin/channel-accounts/${accountId}`, {
      token: admin,
      headers: json,
      raw: `{"config":${config}}`,
    });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    accountId = (await t.createApiAccount()).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['create', createRaw],
    ['edit', patchRaw],
  ])('%s: a config nested 5,000 levels deep is refused with the reason', async (_, send) => {
    const res = await send(nestedJson(5_000));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^config(\.a)*: must be nested at most 10 levels deep/);
  });

  it.each([
    ['create', (config: unknown) => create(config)],
    ['edit', (config: unknown) => patch(config)],
  ])('%s: a config over 64 KiB is refused with the reason', async (_, send) => {
    const res = await send({ notes: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^config: must be at most 64 KiB as JSON/);
  });

  it('a config of ten levels is still accepted', async () => {
    expect((await create(nested(10))).status).toBe(201);
    expect((await create(nested(11))).status).toBe(400);
  });

  it('edits that each fit cannot grow the stored config past the limit', async () => {
    expect((await patch({ first: 'x'.repeat(40 * 1024) })).status).toBe(200);
    const res = await patch({ second: 'x'.repeat(40 * 1024) });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^config: must be at most 64 KiB as JSON/);
  });
});
