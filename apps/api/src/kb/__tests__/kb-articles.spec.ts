import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** The knowledge base API on a real database: articles in several locales, categories, history, who may write. */
describe('knowledge base articles', () => {
  let t: TestApp;
  let admin: string;
  let agent: { id: string; token: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    agent = await t.createUser({ email: 'ana@test.local' });
  });
  afterAll(() => t.close());

  it('an admin writes an article in English, adds its German translation, and an agent reads both', async () => {
    const category = await t.request('POST', '/api/kb/categories', {
      token: admin,
      body: { slug: 'billing', names: { en: 'Billing', de: 'Abrechnung' } },
    });
    expect(category.status).toBe(201);
    const created = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: {
        title: 'Change your invoice address',
        body: 'Open **Settings** and edit the address.',
        locale: 'en',
        categoryId: category.body.id,
        status: 'published',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ categoryId: category.body.id, author: { name: 'Admin' } });
    expect(created.body.translations[0]).toMatchObject({
      locale: 'en',
      slug: 'change-your-invoice-address',
      status: 'published',
      html: '<p>Open <strong>Settings</strong> and edit the address.</p>',
      url: '/help/en/articles/change-your-invoice-address',
    });
    const id = created.body.id;
    const de = await t.request('PUT', `/api/kb/articles/${id}/translations/de`, {
      token: admin,
      body: { title: 'Rechnungsadresse ändern', body: 'Öffnen Sie die Einstellungen.', status: 'draft' },
    });
    expect(de.status).toBe(200);
    expect(de.body.translations.map((x: any) => [x.locale, x.slug, x.status])).toEqual([
      ['en', 'change-your-invoice-address', 'published'],
      ['de', 'rechnungsadresse-andern', 'draft'],
    ]);
    const read = await t.request('GET', `/api/kb/articles/${id}`, { token: agent.token });
    expect(read.status).toBe(200);
    expect(read.body.translations).toHaveLength(2);
    const list = await t.request('GET', '/api/kb/articles?locale=de', { token: agent.token });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id, title: 'Rechnungsadresse ändern', locales: ['de', 'en'] }),
    ]);
  });

  it('a PATCH changes one translation, and the history lists every version with its editor', async () => {
    const supervisor = await t.createUser({ email: 'sue@test.local', role: 'supervisor' });
    const created = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title: 'Reset your password', body: 'Use the link.', locale: 'en', status: 'draft' },
    });
    const id = created.body.id;
    const patched = await t.request('PATCH', `/api/kb/articles/${id}`, {
      token: supervisor.token,
      body: { locale: 'en', body: 'Use the *Forgot password* link.', status: 'published' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.translations[0]).toMatchObject({
      title: 'Reset your password',
      status: 'published',
      updatedBy: { id: supervisor.id, name: 'sue' },
    });
    expect(patched.body.translations[0].publishedAt).not.toBeNull();
    const history = await t.request('GET', `/api/kb/articles/${id}/history`, { token: agent.token });
    expect(history.body.items.map((r: any) => [r.status, r.editor?.name])).toEqual([
      ['published', 'sue'],
      ['draft', 'Admin'],
    ]);
  });

  it('agents read but may not write', async () => {
    const res = await t.request('POST', '/api/kb/articles', {
      token: agent.token,
      body: { title: 'Mine', body: 'x', locale: 'en' },
    });
    expect(res.status).toBe(403);
    const cat = await t.request('POST', '/api/kb/categories', {
      token: agent.token,
      body: { slug: 'x', names: { en: 'X' } },
    });
    expect(cat.status).toBe(403);
    expect((await t.request('GET', '/api/kb/articles')).status).toBe(401);
  });

  it('bad input is a 400 naming the field; a taken slug is a 409; an unknown article a 404', async () => {
    const noTitle = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { body: 'x', locale: 'en' },
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.message).toContain('title');
    const badLocale = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title: 'x', body: 'x', locale: 'English' },
    });
    expect(badLocale.status).toBe(400);
    expect(badLocale.body.message).toContain('locale');
    const badCategory = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title: 'x', body: 'x', locale: 'en', categoryId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.message).toContain('categoryId');
    const first = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title: 'Shipping times', body: 'x', locale: 'en', slug: 'shipping' },
    });
    expect(first.status).toBe(201);
    const clash = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title: 'Shipping costs', body: 'x', locale: 'en', slug: 'shipping' },
    });
    expect(clash.status).toBe(409);
    // The same title twice without a slug: the second gets a distinct one.
    await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title: 'Shipping times', body: 'y', locale: 'en' },
    });
    const again = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title: 'Shipping times', body: 'z', locale: 'en' },
    });
    expect(again.status).toBe(201);
    expect(again.body.translations[0].slug).toMatch(/^shipping-times-[0-9a-f]{8}$/);
    expect((await t.request('GET', '/api/kb/articles/not-a-uuid', { token: admin })).status).toBe(404);
    const missingLocale = await t.request('PATCH', `/api/kb/articles/${first.body.id}`, {
      token: admin,
      body: { locale: 'fr', title: 'Délais' },
    });
    expect(missingLocale.status).toBe(404);
  });

  it('hostile Markdown is stored rendered as harmless HTML', async () => {
    const res = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: {
        title: '<script>alert(1)</script>',
        body: '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))',
        locale: 'en',
      },
    });
    expect(res.status).toBe(201);
    const html: string = res.body.translations[0].html;
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('categories: list, rename per locale, delete keeps the articles', async () => {
    const cat = await t.request('POST', '/api/kb/categories', {
      token: admin,
      body: { slug: 'orders', names: { en: 'Orders' }, position: 2 },
    });
    const article = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title: 'Track an order', body: 'x', locale: 'en', categoryId: cat.body.id },
    });
    const renamed = await t.request('PATCH', `/api/kb/categories/${cat.body.id}`, {
      token: admin,
      body: { names: { en: 'Orders', de: 'Bestellungen' } },
    });
    expect(renamed.body.names).toEqual({ en: 'Orders', de: 'Bestellungen' });
    const dup = await t.request('POST', '/api/kb/categories', {
      token: admin,
      body: { slug: 'orders', names: { en: 'O' } },
    });
    expect(dup.status).toBe(409);
    const list = await t.request('GET', '/api/kb/categories', { token: agent.token });
    expect(list.body.items.map((c: any) => c.slug)).toEqual(expect.arrayContaining(['billing', 'orders']));
    expect((await t.request('DELETE', `/api/kb/categories/${cat.body.id}`, { token: admin })).status).toBe(
      204,
    );
    const after = await t.request('GET', `/api/kb/articles/${article.body.id}`, { token: admin });
    expect(after.body.categoryId).toBeNull();
  });
});
