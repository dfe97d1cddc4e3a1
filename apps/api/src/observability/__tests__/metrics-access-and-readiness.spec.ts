import { startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('who may read /metrics, and when a node says it is not ready', () => {
  let closed: TestApp;
  let allowLoopback: TestApp;

  beforeAll(async () => {
    closed = await startTestApp();
    allowLoopback = await startTestApp({ metricsAllow: ['127.0.0.1/8'] });
  });
  afterAll(async () => {
    await allowLoopback.close();
    await closed.close();
  });

  it('answers 404 when neither a metrics token nor an allow list is configured', async () => {
    const res = await closed.request('GET', '/metrics');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('metrics are not enabled');
  });

  it('serves a scraper from an allowed address without a token', async () => {
    const res = await allowLoopback.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('switchboard_http_request_duration_seconds');
  });

  it('turns not ready (503, naming the check) while a migration of this build is not applied, and ready again after', async () => {
    expect((await closed.request('GET', '/api/health/ready')).status).toBe(200);
    const [last] = await closed.db.query<{ id: number; timestamp: string; name: string }>(
      `SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1`,
    );
    await closed.db.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
    const res = await closed.request('GET', '/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'not ready',
      db: 'up',
      migrations: 'pending',
      redis: 'not configured',
    });
    // Liveness does not depend on it: the process is fine, only traffic should go elsewhere.
    expect((await closed.request('GET', '/api/health/live')).status).toBe(200);
    await closed.db.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
      last.id,
      last.timestamp,
      last.name,
    ]);
    expect((await closed.request('GET', '/api/health/ready')).status).toBe(200);
  });
});
