import { startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('passwords that are easy to guess are refused with a reason', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const createUser = (email: string, name: string, password: string) =>
    t.request('POST', '/api/admin/users', {
      token: admin,
      body: { email, name, password, role: 'agent', teamIds: [] },
    });

  it.each([
    [
      'the email address itself',
      'grace.hopper@test.local',
      'Grace Hopper',
      'grace.hopper@test.local',
      /password: .*email/,
    ],
    [
      'the email with a few digits',
      'grace.hopper@test.local',
      'Grace Hopper',
      'grace.hopper2024',
      /password: .*email/,
    ],
    ["the user's name", 'gh@test.local', 'Margaret Hamilton', 'MargaretHamilton1', /password: .*name/],
    ['a common password', 'c1@test.local', 'Common One', 'password1234', /password: .*common/],
    ['a common keyboard walk', 'c2@test.local', 'Common Two', 'qwertyuiop', /password: .*common/],
    [
      'a common word with digits added',
      'c3@test.local',
      'Common Three',
      'football2024!!',
      /password: .*common/,
    ],
    ['one character repeated', 'r1@test.local', 'Repeat One', 'aaaaaaaaaaaa', /password: .*repeat/],
    ['a short block repeated', 'r2@test.local', 'Repeat Two', 'xyz7xyz7xyz7', /password: .*repeat/],
    ['a plain sequence', 's1@test.local', 'Seq One', 'abcdefghijklm', /password: .*(sequence|common)/],
  ])('admin creating a user: %s is a 400', async (_what, email, name, password, reason) => {
    const res = await createUser(email, name, password);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(reason);
    expect(await t.db.one(`SELECT id FROM users WHERE email = $1`, [email])).toBeNull();
  });

  it('a long password that merely includes a name among other words is fine', async () => {
    expect((await createUser('ada@test.local', 'Ada Lovelace', 'ada-loves-analytical-engines')).status).toBe(
      201,
    );
  });

  it("admin reset: a common password or the user's own email is a 400; a good one works", async () => {
    const user = await t.createUser({ email: 'reset.me@test.local' });
    const reset = (password: string) =>
      t.request('POST', `/api/admin/users/${user.id}/reset-password`, { token: admin, body: { password } });
    const common = await reset('iloveyou123');
    expect(common.status).toBe(400);
    expect(common.body.message).toMatch(/password: .*common/);
    const own = await reset('reset.me@test.local');
    expect(own.status).toBe(400);
    expect(own.body.message).toMatch(/password: .*email/);
    // Nothing changed: the old password still works.
    expect(await t.login('reset.me@test.local', 'agent-password-123')).toEqual(expect.any(String));
    expect((await reset('tangerine-violin-orbit')).status).toBe(201);
  });

  describe('changing your own password', () => {
    it.each([
      ['the current password again', 'agent-password-123', /newPassword: .*current/],
      ['your email address', 'changer.one@test.local', /newPassword: .*email/],
      ['your name with digits', 'changer.one-12345', /newPassword: .*(email|name)/],
      ['a common password', 'baseball123', /newPassword: .*common/],
      ['a repeated one', 'abababababab', /newPassword: .*repeat/],
    ])('%s is a 400 and the old password keeps working', async (_what, newPassword, reason) => {
      const email = 'changer.one@test.local';
      const existing = await t.db.one<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email]);
      const token = existing
        ? await t.login(email, 'agent-password-123')
        : (await t.createUser({ email })).token;
      const res = await t.request('POST', '/api/auth/password', {
        token,
        body: { currentPassword: 'agent-password-123', newPassword },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(reason);
      expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(200);
    });
  });
});
