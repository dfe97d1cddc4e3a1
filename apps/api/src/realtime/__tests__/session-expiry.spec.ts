import { hashToken } from '../../auth/auth.service.js';
import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

describe('an agent socket ends with its session', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a socket whose session expires in two seconds is disconnected at expiry, told why, and REST answers 401', async () => {
    const agent = await t.createUser({ email: 'short-session@test.local' });
    await t.db.query(`UPDATE sessions SET expires_at = now() + interval '2 seconds' WHERE token_hash = $1`, [
      hashToken(agent.token),
    ]);
    const socket = await t.socket(agent.token);
    const events = recordEvents(socket);
    const connectedAt = Date.now();
    let reason: string | null = null;
    socket.on('disconnect', (why) => (reason = why));

    await new Promise((r) => setTimeout(r, 1000));
    expect(socket.connected).toBe(true);
    await waitFor(() => reason, 5000, 'the disconnect at expiry');
    // Not before the session ended, and not long after.
    expect(Date.now() - connectedAt).toBeGreaterThanOrEqual(1500);
    expect(reason).toBe('io server disconnect');
    expect(events.find((e) => e.name === 'session.ended')?.payload).toEqual({
      reason: 'session_expired',
      message: expect.stringMatching(/expired/),
    });
    expect((await t.request('GET', '/api/auth/me', { token: agent.token })).status).toBe(401);
  });

  it('a socket of a session that has not expired stays connected', async () => {
    const agent = await t.createUser({ email: 'long-session@test.local' });
    const socket = await t.socket(agent.token);
    await new Promise((r) => setTimeout(r, 500));
    expect(socket.connected).toBe(true);
  });
});
