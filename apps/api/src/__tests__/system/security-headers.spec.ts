import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** A stand-in for the built console and widget, laid out as Vite and the widget build write them. */
async function fakeBuilds(): Promise<{ consoleDist: string; widgetDist: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sb-headers-'));
  const consoleDist = join(root, 'console');
  const widgetDist = join(root, 'widget');
  await mkdir(join(consoleDist, 'assets'), { recursive: true });
  await mkdir(widgetDist, { recursive: true });
  await writeFile(
    join(consoleDist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body><div id="root"></div></body></html>',
  );
  await writeFile(join(consoleDist, 'assets/index.js'), 'console.log("console")');
  await writeFile(join(widgetDist, 'widget.js'), 'console.log("widget")');
  return { consoleDist, widgetDist, remove: () => rm(root, { recursive: true, force: true }) };
}

function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

async function withBuilds<T>(run: () => Promise<T>): Promise<T> {
  const builds = await fakeBuilds();
  const saved = { console: process.env.CONSOLE_DIST, widget: process.env.WIDGET_DIST };
  process.env.CONSOLE_DIST = builds.consoleDist;
  process.env.WIDGET_DIST = builds.widgetDist;
  try {
    return await run();
  } finally {
    if (saved.console === undefined) delete process.env.CONSOLE_DIST;
    else process.env.CONSOLE_DIST = saved.console;
    if (saved.widget === undefined) delete process.env.WIDGET_DIST;
    else process.env.WIDGET_DIST = saved.widget;
  }
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await withBuilds(() => startTestApp());
  });
  afterAll(() => t.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(t.url + path, { headers });

  it.each([['/'], ['/#/tickets/123'], ['/index.html'], ['/assets/index.js']])(
    'the console at %s gets a strict Content-Security-Policy',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      // No inline or injected script can run, and nothing may frame the console.
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']));
      expect(csp.get('connect-src')).toEqual(
        expect.arrayContaining(["'self'", `ws://${new URL(t.url).host}`]),
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      // Plain HTTP from a client that is not a trusted proxy: no HSTS, whatever it claims.
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(
        (await get(path, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security'),
      ).toBeNull();
    },
  );

  it('the widget script can still be embedded by customer sites', async () => {
    const res = await get('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy') ?? '').not.toMatch(/frame-ancestors/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('API JSON answers are nosniff, errors included', async () => {
    for (const path of ['/api/health', '/api/tickets', '/api/nowhere']) {
      const res = await get(path);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('HSTS behind a trusted TLS proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await withBuilds(() => startTestApp({ trustProxy: ['127.0.0.1'] }));
  });
  afterAll(() => t.close());

  it('is sent when the trusted proxy says the request came over https, and not otherwise', async () => {
    const secure = await fetch(`${t.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    const api = await fetch(`${t.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(api.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect((await fetch(`${t.url}/`)).headers.get('strict-transport-security')).toBeNull();
  });
});
