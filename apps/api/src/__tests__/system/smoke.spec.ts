import { startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('a started helpdesk', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports itself healthy with the database up', async () => {
    expect(await t.request('GET', '/api/health')).toEqual({ status: 200, body: { status: 'ok', db: 'up' } });
  });

  it('publishes its OpenAPI document and a browsable docs page', async () => {
    const json = await t.request('GET', '/api/docs-json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/tickets', '/api/channels/api/{accountId}/inbound']),
    );
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });
});
