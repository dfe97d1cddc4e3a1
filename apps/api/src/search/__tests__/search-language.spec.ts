import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

jest.setTimeout(60_000);

/** The workspace language decides how words are stemmed: an admin changes it and older text follows. */
describe('the workspace language of search', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let api: { id: string; apiKey: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const team = await t.createTeam('Support');
    agent = (await t.createUser({ email: 'lang@search.test', teamIds: [team] })).token;
    api = await t.createApiAccount({ teamId: team });
  });
  afterAll(() => t?.close());

  const inbound = async (text: string) => {
    const res = await t.inbound(api, {
      externalId: randomBytes(8).toString('hex'),
      from: { handle: `kundin-${randomBytes(4).toString('hex')}` },
      text,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId as string;
  };
  const found = async (q: string) =>
    (
      (await t.request('GET', `/api/search?q=${encodeURIComponent(q)}`, { token: admin })).body
        .items as Array<{
        ticket: { id: string };
      }>
    ).map((i) => i.ticket.id);

  it('is English at first; switched to German, older and newer text is found by German word forms', async () => {
    const setting = await t.request('GET', '/api/admin/settings/search-language', { token: admin });
    expect(setting.body).toEqual({
      language: 'en',
      configuration: 'search_english',
      stemmed: true,
      reindexing: false,
    });

    const older = await inbound('Wir warten auf zwei Gutschriften für die Bestellungen');
    // English stemming leaves "Gutschriften" whole: the singular does not find it.
    expect(await found('Gutschrift')).toEqual([]);
    expect(await found('gutschriften')).toEqual([older]);

    const before = (
      await t.db.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`)
    )[0].id;
    const put = await t.request('PUT', '/api/admin/settings/search-language', {
      token: admin,
      body: { language: 'de-AT' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ language: 'de-AT', configuration: 'search_german', stemmed: true });
    const [entry] = await t.db.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_log WHERE id > $1::bigint ORDER BY id`,
      [before],
    );
    expect(entry.action).toBe('settings.updated');
    expect(JSON.stringify(entry.details)).toContain('de-AT');

    // New text is indexed in German at once; older text once the background run has passed.
    const newer = await inbound('Die Gutschrift fehlt noch');
    await waitFor(
      async () =>
        (await t.request('GET', '/api/admin/settings/search-language', { token: admin })).body.reindexing ===
        false,
      20_000,
      'the re-index to finish',
    );
    expect((await found('Gutschrift')).sort()).toEqual([older, newer].sort());
    expect(await found('Bestellung')).toEqual([older]);
  });

  it('a language without a stemmer still folds accents', async () => {
    const put = await t.request('PUT', '/api/admin/settings/search-language', {
      token: admin,
      body: { language: 'pl' },
    });
    expect(put.body).toMatchObject({ configuration: 'search_simple', stemmed: false });
    const ticket = await inbound('Zwrot pieniędzy za zamówienie');
    expect(await found('pieniedzy')).toEqual([ticket]);
  });

  it('only admins change it, and a wrong tag is a 400 naming the field', async () => {
    expect((await t.request('GET', '/api/admin/settings/search-language', { token: agent })).status).toBe(
      403,
    );
    const byAgent = await t.request('PUT', '/api/admin/settings/search-language', {
      token: agent,
      body: { language: 'de' },
    });
    expect(byAgent.status).toBe(403);
    for (const body of [{ language: 'German!' }, { language: '' }, {}, { language: 'de', extra: 1 }]) {
      const res = await t.request('PUT', '/api/admin/settings/search-language', { token: admin, body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.message).toMatch(/language|extra/);
    }
  });
});
