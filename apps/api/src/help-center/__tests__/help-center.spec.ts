import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** The public help center: server-rendered pages and JSON search over published articles only. */
describe('help center', () => {
  let t: TestApp;
  let admin: string;
  const page = async (path: string) => {
    const res = await fetch(t.url + path, { redirect: 'manual' });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      location: res.headers.get('location'),
      html: await res.text(),
    };
  };
  const article = async (body: object) => {
    const res = await t.request('POST', '/api/kb/articles', { token: admin, body });
    expect(res.status).toBe(201);
    return res.body;
  };
  let returns: any;
  let draft: any;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    await t.request('PATCH', '/api/kb/settings', {
      token: admin,
      body: { name: 'Acme Help', primaryColor: '#aa3300', contactUrl: 'https://acme.example/contact' },
    });
    const cat = await t.request('POST', '/api/kb/categories', {
      token: admin,
      body: { slug: 'orders', names: { en: 'Orders', de: 'Bestellungen' } },
    });
    returns = await article({
      title: 'Returning a parcel',
      body: 'Print the label and drop the parcel at any post office within thirty days.',
      locale: 'en',
      categoryId: cat.body.id,
      status: 'published',
    });
    await t.request('PUT', `/api/kb/articles/${returns.id}/translations/de`, {
      token: admin,
      body: {
        title: 'Paket zurücksenden',
        body: 'Drucken Sie das Etikett und geben Sie die Pakete innerhalb von dreißig Tagen bei der Post ab.',
        status: 'published',
      },
    });
    draft = await article({
      title: 'Secret plans',
      body: 'Unreleased gadgets.',
      locale: 'en',
      status: 'draft',
    });
  });
  afterAll(() => t.close());

  it('renders a published article with the workspace name, colour, canonical and language links', async () => {
    const res = await page('/help/en/articles/returning-a-parcel');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/html');
    expect(res.html).toContain('<html lang="en">');
    expect(res.html).toContain('<h1>Returning a parcel</h1>');
    expect(res.html).toContain('Acme Help');
    expect(res.html).toContain(`<link rel="canonical" href="${t.url}/help/en/articles/returning-a-parcel">`);
    expect(res.html).toContain(`hreflang="de" href="${t.url}/help/de/articles/paket-zurucksenden"`);
    expect(res.html).toContain('href="https://acme.example/contact"');
    expect(res.html).toContain('Was this helpful?');
    expect(res.html).not.toContain('<script');
    const css = await page(res.html.match(/href="(\/help\/assets\/help\.css[^"]*)"/)![1]);
    expect(css.html).toContain('--primary:#aa3300');
    const de = await page('/help/de/articles/paket-zurucksenden');
    expect(de.html).toContain('War das hilfreich?');
    expect(de.html).toContain('<html lang="de">');
  });

  it('an unpublished article, an unknown one and a bad locale are 404 pages', async () => {
    expect((await page(`/help/en/articles/${draft.translations[0].slug}`)).status).toBe(404);
    expect((await page('/help/en/articles/no-such-thing')).status).toBe(404);
    expect((await page('/help/xx-!!/articles/returning-a-parcel')).status).toBe(404);
    // The German translation is not an English article.
    expect((await page('/help/en/articles/paket-zurucksenden')).status).toBe(404);
    const home = await page('/help/en');
    expect(home.html).toContain('Returning a parcel');
    expect(home.html).not.toContain('Secret plans');
    const search = await t.request('GET', '/api/public/kb/search?q=gadgets&locale=en');
    expect(search.body.items).toEqual([]);
  });

  it('hostile titles and bodies are escaped on every page', async () => {
    const hostile = await article({
      title: '<script>window.__xss=1</script> Hostile',
      body: '<script>window.__xss=2</script>\n\n<img src=x onerror="window.__xss=3">\n\n[x](javascript:window.__xss=4)',
      locale: 'en',
      status: 'published',
      slug: 'hostile',
    });
    for (const path of [
      '/help/en/articles/hostile',
      '/help/en',
      '/help/en/search?q=hostile',
      `/help/en/search?q=${encodeURIComponent('<script>x</script>')}`,
    ]) {
      const res = await page(path);
      expect(res.html).not.toMatch(/<script|<img|href="javascript/i);
    }
    expect((await page('/help/en/articles/hostile')).html).toContain(
      '&lt;script&gt;window.__xss=1&lt;/script&gt; Hostile',
    );
    await t.request('DELETE', `/api/kb/articles/${hostile.id}`, { token: admin });
  });

  it('search finds an article by a word of its body, in English and in German, stemmed and without accents', async () => {
    const en = await page('/help/en/search?q=offices');
    expect(en.status).toBe(200);
    expect(en.html).toContain('href="/help/en/articles/returning-a-parcel"');
    expect(en.html).toContain('<mark>office</mark>');
    const de = await t.request('GET', `/api/public/kb/search?q=${encodeURIComponent('Paket')}&locale=de`);
    expect(de.status).toBe(200);
    expect(de.body.items).toEqual([
      expect.objectContaining({
        id: returns.id,
        title: 'Paket zurücksenden',
        url: '/help/de/articles/paket-zurucksenden',
      }),
    ]);
    const unaccented = await t.request('GET', `/api/public/kb/search?q=dreissig&locale=de`);
    const accentFree = await t.request(
      'GET',
      `/api/public/kb/search?q=${encodeURIComponent('zurucksenden')}&locale=de`,
    );
    expect(accentFree.body.items.map((h: any) => h.id)).toEqual([returns.id]);
    expect(unaccented.body.items.map((h: any) => h.id)).toEqual([returns.id]);
    // A whole question matches on its words; English words do not find the German text.
    const question = await t.request(
      'GET',
      `/api/public/kb/search?q=${encodeURIComponent('how do I return my parcel?')}&locale=en`,
    );
    expect(question.body.items[0]).toMatchObject({ id: returns.id });
    expect(question.body.items[0].snippet).toContain('parcel');
    expect((await t.request('GET', '/api/public/kb/search?q=office&locale=de')).body.items).toEqual([]);
    expect((await t.request('GET', '/api/public/kb/search?q=x&locale=Deutsch')).status).toBe(400);
  });

  it('"Was this helpful?" counts a vote and thanks the reader', async () => {
    const res = await fetch(`${t.url}/help/en/articles/returning-a-parcel/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'helpful=yes',
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/help/en/articles/returning-a-parcel?feedback=thanks');
    expect((await page('/help/en/articles/returning-a-parcel?feedback=thanks')).html).toContain(
      'Thank you for your feedback.',
    );
    const stored = await t.request('GET', `/api/kb/articles/${returns.id}`, { token: admin });
    expect(stored.body.translations[0].helpful).toEqual({ yes: 1, no: 0 });
  });

  it("a sitemap lists published articles only; /help picks the reader's language", async () => {
    const sitemap = await page('/help/sitemap.xml');
    expect(sitemap.type).toContain('application/xml');
    expect(sitemap.html).toContain(`<loc>${t.url}/help/de/articles/paket-zurucksenden</loc>`);
    expect(sitemap.html).not.toContain('secret-plans');
    const res = await fetch(`${t.url}/help`, {
      redirect: 'manual',
      headers: { 'accept-language': 'de-DE,de;q=0.9' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/help/de');
    const category = await page('/help/de/categories/orders');
    expect(category.html).toContain('<h1>Bestellungen</h1>');
    expect(category.html).toContain('Paket zurücksenden');
  });
});
