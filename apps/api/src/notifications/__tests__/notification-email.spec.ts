import { SmtpSink, type ReceivedMail } from '../../test-support/smtp-sink.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/**
 * Notification emails through the admin's SMTP setting, against a real SMTP server: each reaches
 * only the agent concerned, a burst becomes one digest, preferences are honoured, and a failing
 * server is retried without holding anything up.
 */
describe('notification emails', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let admin: string;
  let teamId: string;
  let account: { id: string; apiKey: string };
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };
  let cleo: { id: string; token: string };
  let n = 0;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await startTestApp();
    // The sink takes mail without authentication, so the password is stored but never used.
    admin = await t.adminToken();
    teamId = await t.createTeam('Support');
    account = await t.createApiAccount({ teamId });
    ana = await t.createUser({ email: 'ana@test.local', teamIds: [teamId] });
    ben = await t.createUser({ email: 'ben@test.local', teamIds: [teamId] });
    cleo = await t.createUser({ email: 'cleo@test.local', teamIds: [teamId] });
    const res = await t.request('PUT', '/api/admin/settings/notification-mail', {
      token: admin,
      body: { ...sink.smtpConfig(), password: 'smtp-secret-pass', from: 'desk@test.local', digestSeconds: 1 },
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  async function newTicket(): Promise<string> {
    const res = await t.inbound(account, {
      externalId: `e-${++n}`,
      from: { handle: `customer-${n}@example.com` },
      text: `question ${n}`,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  const note = async (token: string, ticketId: string, body: string) =>
    expect(
      (await t.request('POST', `/api/tickets/${ticketId}/messages`, { token, body: { kind: 'note', body } }))
        .status,
    ).toBe(201);
  const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));
  const body = (m: ReceivedMail) => m.parsed.text ?? '';
  /** Every digest sent or closed: nothing more is on its way. */
  const settled = () =>
    waitFor(
      async () => (await t.db.query(`SELECT 1 FROM notification_digests`)).length === 0,
      15_000,
      'digests sent',
    );

  it('the admin sets the server; the password is stored sealed and never returned; bad input is refused by name', async () => {
    const view = (await t.request('GET', '/api/admin/settings/notification-mail', { token: admin })).body;
    expect(view).toMatchObject({
      configured: true,
      host: '127.0.0.1',
      user: null,
      hasPassword: true,
      digestSeconds: 1,
    });
    expect(JSON.stringify(view)).not.toContain('smtp-secret-pass');
    const [row] = await t.db.query<{ password_sealed: string }>(
      `SELECT password_sealed FROM notification_mail_settings`,
    );
    expect(row.password_sealed).not.toContain('smtp-secret-pass');
    const bad = await t.request('PUT', '/api/admin/settings/notification-mail', {
      token: admin,
      body: { host: 'x', port: 70000, from: 'desk@test.local' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/port/);
    const agent = await t.request('PUT', '/api/admin/settings/notification-mail', {
      token: ben.token,
      body: { host: 'x', port: 25, from: 'desk@test.local' },
    });
    expect(agent.status).toBe(403);
  });

  it('a mention and an assignment each reach the right agent by email, and nobody else', async () => {
    const ticketId = await newTicket();
    await note(ana.token, ticketId, '@ben please look at this refund');
    const mention = await waitFor(() => mailsTo('ben@test.local')[0], 15_000, 'mention email');
    expect(mention.parsed.subject).toMatch(/^ana mentioned you on #\d+/);
    expect(body(mention)).toContain('please look at this refund');

    const assigned = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: ana.token,
      body: { assigneeId: cleo.id },
    });
    expect(assigned.status).toBe(200);
    const assignment = await waitFor(() => mailsTo('cleo@test.local')[0], 15_000, 'assignment email');
    expect(assignment.parsed.subject).toMatch(/^ana assigned #\d+ .* to you$/);
    await settled();
    expect(mailsTo('ana@test.local')).toEqual([]);
    expect(mailsTo('ben@test.local')).toHaveLength(1);
    expect(mailsTo('cleo@test.local')).toHaveLength(1);
  });

  it('an SLA escalation step reaches the assignee by email, and not a teammate', async () => {
    sink.received.length = 0;
    const slaTeam = await t.createTeam('Urgent');
    const slaAccount = await t.createApiAccount({ teamId: slaTeam });
    const fay = await t.createUser({ email: 'fay@test.local', teamIds: [slaTeam] });
    await t.createUser({ email: 'gus@test.local', teamIds: [slaTeam] });
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'urgent',
        order: 1,
        conditions: { teamIds: [slaTeam] },
        targets: { firstResponseSeconds: 2 },
        atRiskShare: 0.5,
        escalations: [{ on: 'breach', action: 'notify_assignee' }],
      },
    });
    expect(policy.status).toBe(201);
    const { ticketId } = (
      await t.inbound(slaAccount, {
        externalId: 'sla-mail',
        from: { handle: 'late@example.com' },
        text: 'help',
      })
    ).body;
    const assigned = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: admin,
      body: { assigneeId: fay.id },
    });
    expect(assigned.status).toBe(200);
    const escalation = await waitFor(
      () => mailsTo('fay@test.local').find((m) => body(m).includes('escalated, first response breached')),
      // Sweep, outbox consumer and mail dispatch in turn; the consumers' horizon is the whole
      // PostgreSQL server's, so other test files' transactions in a parallel CI run can hold it back.
      60_000,
      'escalation email',
    );
    expect(escalation.from).toBe('desk@test.local');
    await settled();
    // Before the assignment the ticket was the team's, so a busy machine may warn Gus of it; the escalation is Fay's alone.
    expect(mailsTo('gus@test.local').filter((m) => body(m).includes('escalated'))).toEqual([]);
  }, 120_000);

  it('a burst of notifications for one agent becomes one email listing them all', async () => {
    sink.received.length = 0;
    const res = await t.request('PUT', '/api/admin/settings/notification-mail', {
      token: admin,
      body: { ...sink.smtpConfig(), from: 'desk@test.local', digestSeconds: 3 },
    });
    expect(res.body.hasPassword).toBe(true); // an omitted password keeps the stored one
    const ticketId = await newTicket();
    for (const word of ['first', 'second', 'third']) await note(ana.token, ticketId, `@ben ${word} thing`);
    // The digest table is empty until the consumer has read the notes, so wait for the mail itself
    // first; then nothing is left pending that could become a second mail.
    await waitFor(() => (mailsTo('ben@test.local').length ? true : null), 30_000, 'the digest email');
    await settled();
    const mails = mailsTo('ben@test.local');
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.subject).toBe('3 new notifications on Switchboard');
    for (const word of ['first', 'second', 'third']) expect(body(mails[0])).toContain(`@ben ${word} thing`);
    await t.request('PUT', '/api/admin/settings/notification-mail', {
      token: admin,
      body: { ...sink.smtpConfig(), from: 'desk@test.local', digestSeconds: 1 },
    });
  });

  it('an agent who turned mention emails off gets mentions in the bell only', async () => {
    sink.received.length = 0;
    const prefs = await t.request('PUT', '/api/me/notification-preferences', {
      token: ben.token,
      body: { mention: { inApp: true, email: false } },
    });
    expect(prefs.status).toBe(200);
    expect(prefs.body.mention).toEqual({ inApp: true, email: false });
    expect(prefs.body.assignment).toEqual({ inApp: true, email: true });
    const bad = await t.request('PUT', '/api/me/notification-preferences', {
      token: ben.token,
      body: { mentions: {} },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/mentions/);

    const ticketId = await newTicket();
    await note(ana.token, ticketId, '@ben quiet one');
    // An assignment (emails on) after the mention: its email is the only one Ben gets.
    await waitFor(
      async () =>
        (await t.request('GET', '/api/notifications', { token: ben.token })).body.items.some((i: any) =>
          i.text.includes('quiet one'),
        ),
      15_000,
      'mention in the bell',
    );
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: ana.token, body: { assigneeId: ben.id } });
    await waitFor(() => mailsTo('ben@test.local')[0], 15_000, 'assignment email');
    await settled();
    expect(mailsTo('ben@test.local')).toHaveLength(1);
    expect(body(mailsTo('ben@test.local')[0])).not.toContain('quiet one');
  });

  it('a failing mail server is retried with back-off and never holds up the work that notifies', async () => {
    sink.received.length = 0;
    sink.reject = { code: 451, message: 'try again later' };
    const ticketId = await newTicket();
    await note(ana.token, ticketId, '@cleo while the server is down');
    const failed = await waitFor(
      async () => {
        const [row] = await t.db.query<{ attempts: number; last_error: string }>(
          `SELECT attempts, last_error FROM notification_digests WHERE user_id = $1`,
          [cleo.id],
        );
        return row && row.attempts > 0 ? row : false;
      },
      15_000,
      'a failed attempt',
    );
    expect(failed.last_error).toMatch(/try again later/);
    // Agents keep working meanwhile.
    await note(ana.token, ticketId, 'still writing notes');
    sink.reject = null;
    const mail = await waitFor(() => mailsTo('cleo@test.local')[0], 20_000, 'the retried email');
    expect(body(mail)).toContain('while the server is down');
  });
});
