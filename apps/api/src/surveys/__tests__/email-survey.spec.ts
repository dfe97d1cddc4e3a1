import { jest } from '@jest/globals';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { bounceMail, mail } from '../../test-support/email-harness.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import type { ReceivedMail, SmtpSink } from '../../test-support/smtp-sink.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const SUPPORT: MailUser = { user: 'help@survey.test', password: 'help-pw' };

jest.setTimeout(120_000);

const SETTINGS = {
  csat: { enabled: true, delaySeconds: 0 },
  ces: { enabled: false },
  nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
};

describe('CSAT by email with a hosted page (real Dovecot and SMTP server)', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let t: TestApp;
  let mailApp: MailTestApp;
  let admin: string;
  let agent: { id: string; token: string };
  let accountId: string;

  beforeAll(async () => {
    mailApp = await startMailTestApp([SUPPORT]);
    ({ t, dovecot, sink } = mailApp);
    admin = await t.adminToken();
    const teamId = await t.createTeam('Mail team');
    agent = await t.createUser({ email: 'solver@survey.test', teamIds: [teamId] });
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Help',
        teamId,
        config: { address: SUPPORT.user, imap: dovecot.imapConfig(SUPPORT), smtp: sink.smtpConfig() },
      },
    });
    expect(res.status).toBe(201);
    accountId = res.body.id;
  });

  afterAll(async () => {
    await mailApp?.close();
  });

  async function customerTicket(from: string, subject: string, headers: Record<string, string> = {}) {
    const messageId = `<${subject.replace(/\W+/g, '-')}-${Date.now()}@customer.test>`;
    await dovecot.append(
      SUPPORT,
      mail({ from, to: SUPPORT.user, subject, text: 'Help me', messageId, headers }),
    );
    const row = await waitFor(
      () =>
        t.db.one<{ ticket_id: string }>(
          `SELECT ticket_id FROM messages WHERE channel_account_id = $1 AND external_id = $2`,
          [accountId, messageId],
        ),
      30_000,
      `mail ${subject} to become a ticket`,
    );
    return row.ticket_id;
  }

  const setStatus = (token: string, ticketId: string, status: string) =>
    t.request('PATCH', `/api/tickets/${ticketId}`, { token, body: { status } });
  const surveyMailsTo = (address: string) =>
    sink.received.filter(
      (m) => m.to.includes(address) && /\/s\/[A-Za-z0-9_-]+\?score=1/.test(m.parsed.text ?? ''),
    );
  const tokenOf = (m: ReceivedMail) => /\/s\/([A-Za-z0-9_-]+)\?score=/.exec(m.parsed.text ?? '')![1];
  const responses = (ticketId: string) =>
    t.db.query<{ score: number; comment: string | null; agent_id: string | null; channel: string }>(
      `SELECT score, comment, agent_id, channel FROM survey_responses WHERE ticket_id = $1`,
      [ticketId],
    );

  it('admins set survey settings; agents may not; bad settings are refused naming the field', async () => {
    const before = await t.request('GET', '/api/admin/survey-settings', { token: admin });
    expect(before.status).toBe(200);
    expect(before.body.csat.enabled).toBe(false);
    expect(
      (await t.request('PUT', '/api/admin/survey-settings', { token: agent.token, body: SETTINGS })).status,
    ).toBe(403);
    const bad = await t.request('PUT', '/api/admin/survey-settings', {
      token: admin,
      body: { ...SETTINGS, csat: { enabled: true, delaySeconds: -5 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/csat\.delaySeconds/);
    const unknownAccount = await t.request('PUT', '/api/admin/survey-settings', {
      token: admin,
      body: {
        ...SETTINGS,
        overrides: [{ channelAccountId: '00000000-0000-4000-8000-000000000000', csat: { enabled: false } }],
      },
    });
    expect(unknownAccount.status).toBe(400);
    const saved = await t.request('PUT', '/api/admin/survey-settings', {
      token: admin,
      body: { ...SETTINGS, texts: { de: { csatQuestion: 'Wie war unser Service?' } } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ csat: { enabled: true, delaySeconds: 0 }, language: 'en' });
    expect(saved.body.linkBaseUrl).toBe(t.url);
    expect(
      (await t.request('GET', '/api/admin/survey-settings', { token: admin })).body.texts.de.csatQuestion,
    ).toBe('Wie war unser Service?');
  });

  it('solve → one survey mail; a scanner GET records nothing; POST records for the solving agent; a change replaces it', async () => {
    const ticketId = await customerTicket('Dana <dana@customer.test>', 'Router keeps rebooting');
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { assigneeId: agent.id } });
    expect((await setStatus(agent.token, ticketId, 'solved')).status).toBe(200);
    const survey = await waitFor(() => surveyMailsTo('dana@customer.test')[0], 30_000, 'the survey mail');
    expect(survey.parsed.text).toContain('How would you rate the support you received?');
    for (const score of [1, 2, 3, 4, 5]) expect(survey.parsed.text).toContain(`?score=${score}`);
    expect(survey.parsed.html).toContain(`${t.url}/s/`);
    const token = tokenOf(survey);

    // A link scanner (or the customer's first click) fetches the page: the choice is pre-selected, nothing is stored.
    const page = await fetch(`${t.url}/s/${token}?score=2`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/value="2" checked/);
    expect(html).toContain('<form method="post"');
    const head = await fetch(`${t.url}/s/${token}?score=5`, { method: 'HEAD' });
    await head.arrayBuffer();
    expect(head.status).toBe(200);
    expect(await responses(ticketId)).toEqual([]);

    // Out of range, or for another ticket: refused, nothing stored.
    const tooHigh = await t.request('POST', `/s/${token}`, { body: { score: 6 } });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.message).toMatch(/score must be a whole number from 1 to 5/);
    expect((await t.request('POST', `/s/${token}`, { body: { score: 0 } })).status).toBe(400);
    expect((await t.request('POST', `/s/${token}`, { body: { score: 'great' } })).status).toBe(400);
    const otherTicket = await customerTicket('erin@customer.test', 'Other ticket');
    const foreign = await t.request('POST', `/s/${token}`, { body: { score: 2, ticketId: otherTicket } });
    expect(foreign.status).toBe(409);
    expect(foreign.body.message).toMatch(/another ticket/);
    expect(await responses(ticketId)).toEqual([]);
    expect(await responses(otherTicket)).toEqual([]);

    // The page's own form post records, attributed to the agent who solved the ticket.
    const form = await fetch(`${t.url}/s/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ score: '2', comment: 'still broken' }).toString(),
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Thank you for your feedback!');
    expect(await responses(ticketId)).toEqual([
      { score: 2, comment: 'still broken', agent_id: agent.id, channel: 'email' },
    ]);

    // Agents see it on the ticket, attributed to the solver.
    const seen = await t.request('GET', `/api/tickets/${ticketId}/surveys`, { token: agent.token });
    expect(seen.status).toBe(200);
    expect(seen.body.items).toEqual([
      expect.objectContaining({
        kind: 'csat',
        score: 2,
        comment: 'still broken',
        channel: 'email',
        agent: { id: agent.id, name: 'solver' },
      }),
    ]);
    const timeline = await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: agent.token });
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({
        entry: 'event',
        type: 'survey',
        data: expect.objectContaining({ score: 2, comment: 'still broken', agentId: agent.id }),
      }),
    );

    // And on the contact's page, with the agent it counts for.
    const ticket = await t.request('GET', `/api/tickets/${ticketId}`, { token: agent.token });
    const contact = await t.request('GET', `/api/contacts/${ticket.body.contact.id}`, { token: agent.token });
    expect(contact.body.satisfaction).toEqual([
      expect.objectContaining({
        ticketId,
        kind: 'csat',
        score: 2,
        comment: 'still broken',
        agentName: 'solver',
      }),
    ]);

    // Changed within the window (JSON this time): replaced, not counted twice.
    const again = await t.request('POST', `/s/${token}`, { body: { score: 4, comment: 'works now' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ kind: 'csat', score: 4 });
    expect(await responses(ticketId)).toEqual([
      { score: 4, comment: 'works now', agent_id: agent.id, channel: 'email' },
    ]);

    // Later changes of the solved ticket (a note) send nothing more.
    await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: agent.token,
      body: { kind: 'note', body: 'FYI' },
    });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(surveyMailsTo('dana@customer.test')).toHaveLength(1);
    const requests = await t.db.query(`SELECT kind, status FROM survey_requests WHERE ticket_id = $1`, [
      ticketId,
    ]);
    expect(requests).toEqual([{ kind: 'csat', status: 'answered' }]);
  });

  it('an invalid or expired link is a clear page, never a 500; an answer after the window is refused', async () => {
    const invalid = await fetch(`${t.url}/s/not-a-real-token-at-all`);
    expect(invalid.status).toBe(404);
    expect(invalid.headers.get('content-type')).toMatch(/text\/html/);
    expect(await invalid.text()).toContain('This survey link is not valid');
    const odd = await fetch(`${t.url}/s/%00%3Cscript%3E`);
    await odd.arrayBuffer();
    expect(odd.status).toBe(404);
    const invalidPost = await t.request('POST', '/s/not-a-real-token-at-all', { body: { score: 3 } });
    expect(invalidPost.status).toBe(404);
    expect(invalidPost.body.message).toMatch(/not valid/);

    const ticketId = await customerTicket('frank@customer.test', 'Late answer');
    await setStatus(agent.token, ticketId, 'solved');
    const token = tokenOf(
      await waitFor(() => surveyMailsTo('frank@customer.test')[0], 30_000, 'the survey mail'),
    );
    expect((await t.request('POST', `/s/${token}`, { body: { score: 5 } })).status).toBe(200);
    // Seven days pass.
    await t.db.query(
      `UPDATE survey_requests SET expires_at = now() - interval '1 second' WHERE ticket_id = $1`,
      [ticketId],
    );
    const closed = await fetch(`${t.url}/s/${token}?score=1`);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('This survey has closed');
    const late = await t.request('POST', `/s/${token}`, { body: { score: 1 } });
    expect(late.status).toBe(410);
    const lateForm = await fetch(`${t.url}/s/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=1',
    });
    expect(lateForm.status).toBe(410);
    expect(await lateForm.text()).toContain('This survey has closed');
    expect(await responses(ticketId)).toEqual([expect.objectContaining({ score: 5 })]);
  });

  it('waits for the delay; a reopen before it cancels; solving again sends exactly one; auto-replies get none', async () => {
    const put = (delaySeconds: number) =>
      t.request('PUT', '/api/admin/survey-settings', {
        token: admin,
        body: { ...SETTINGS, csat: { enabled: true, delaySeconds } },
      });
    expect((await put(3)).status).toBe(200);
    const ticketId = await customerTicket('gina@customer.test', 'Changed my mind');
    await setStatus(agent.token, ticketId, 'solved');
    await waitFor(
      () =>
        t.db.one(`SELECT 1 FROM survey_requests WHERE ticket_id = $1 AND status = 'scheduled'`, [ticketId]),
      10_000,
      'the survey to be scheduled',
    );
    expect((await setStatus(agent.token, ticketId, 'open')).status).toBe(200);
    await waitFor(
      () =>
        t.db.one(`SELECT 1 FROM survey_requests WHERE ticket_id = $1 AND status = 'cancelled'`, [ticketId]),
      10_000,
      'the reopen to cancel the survey',
    );
    await new Promise((r) => setTimeout(r, 4_500));
    expect(surveyMailsTo('gina@customer.test')).toHaveLength(0);

    // Solved again: the delay starts again, and one survey goes out after it.
    const solvedAt = Date.now();
    await setStatus(agent.token, ticketId, 'solved');
    await waitFor(() => surveyMailsTo('gina@customer.test')[0], 30_000, 'the survey mail');
    expect(Date.now() - solvedAt).toBeGreaterThanOrEqual(3_000);
    await setStatus(agent.token, ticketId, 'open');
    await setStatus(agent.token, ticketId, 'solved');
    await new Promise((r) => setTimeout(r, 4_500));
    expect(surveyMailsTo('gina@customer.test')).toHaveLength(1);

    // An out-of-office reply that became a ticket is never surveyed.
    expect((await put(0)).status).toBe(200);
    const auto = await customerTicket('holiday@customer.test', 'Out of office', {
      'Auto-Submitted': 'auto-replied',
    });
    await setStatus(agent.token, auto, 'solved');
    const skipped = await waitFor(
      () =>
        t.db.one<{ status: string; reason: string }>(
          `SELECT status, reason FROM survey_requests WHERE ticket_id = $1 AND status <> 'scheduled'`,
          [auto],
        ),
      10_000,
      'the auto-reply survey to be settled',
    );
    expect(skipped).toEqual({ status: 'skipped', reason: 'auto_reply' });
    expect(surveyMailsTo('holiday@customer.test')).toHaveLength(0);
  });

  it('CES follows a CSAT answer on the same page; NPS (0–10 + why) goes out a day later, at most once per period', async () => {
    const put = await t.request('PUT', '/api/admin/survey-settings', {
      token: admin,
      body: {
        csat: { enabled: true, delaySeconds: 0 },
        ces: { enabled: true, mode: 'after_csat' },
        nps: { enabled: true, minDaysBetween: 30, afterSolvedTickets: 1 },
      },
    });
    expect(put.status).toBe(200);
    const ticketId = await customerTicket('hana@customer.test', 'Invoice wrong');
    await setStatus(agent.token, ticketId, 'solved');
    const token = tokenOf(
      await waitFor(() => surveyMailsTo('hana@customer.test')[0], 30_000, 'the CSAT mail'),
    );

    // CES cannot be answered before the CSAT, and NPS is not this link's question.
    expect((await t.request('POST', `/s/${token}`, { body: { kind: 'ces', score: 2 } })).status).toBe(400);
    expect((await t.request('POST', `/s/${token}`, { body: { kind: 'nps', score: 9 } })).status).toBe(400);

    const csat = await fetch(`${t.url}/s/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=5',
    });
    const page = await csat.text();
    expect(page).toContain('How easy was it to get your issue resolved?');
    expect(page).toContain('<input type="hidden" name="kind" value="ces">');
    expect(page).toMatch(/value="7"/);
    const outOfScale = await t.request('POST', `/s/${token}`, { body: { kind: 'ces', score: 8 } });
    expect(outOfScale.status).toBe(400);
    expect(outOfScale.body.message).toMatch(/from 1 to 7/);
    const ces = await fetch(`${t.url}/s/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'kind=ces&score=2',
    });
    expect(ces.status).toBe(200);
    const answers = await t.db.query<{ kind: string; score: number; agent_id: string }>(
      `SELECT kind, score, agent_id FROM survey_responses WHERE ticket_id = $1 ORDER BY kind`,
      [ticketId],
    );
    expect(answers).toEqual([
      { kind: 'ces', score: 2, agent_id: agent.id },
      { kind: 'csat', score: 5, agent_id: agent.id },
    ]);

    // NPS waits a day after the CSAT; here the day passes.
    const nps = await t.db.one<{ status: string; wait: number }>(
      `SELECT status, extract(epoch FROM due_at - created_at)::int AS wait FROM survey_requests WHERE ticket_id = $1 AND kind = 'nps'`,
      [ticketId],
    );
    expect(nps).toEqual({ status: 'scheduled', wait: 86_400 });
    await t.db.query(`UPDATE survey_requests SET due_at = now() WHERE ticket_id = $1 AND kind = 'nps'`, [
      ticketId,
    ]);
    const npsMail = await waitFor(
      () =>
        sink.received.find(
          (m) => m.to.includes('hana@customer.test') && /score=10/.test(m.parsed.text ?? ''),
        ),
      30_000,
      'the NPS mail',
    );
    expect(npsMail.parsed.text).toContain('How likely are you to recommend us to a friend or colleague?');
    expect(npsMail.parsed.text).toContain('?score=0');
    const npsToken = tokenOf(npsMail);
    expect((await t.request('POST', `/s/${npsToken}`, { body: { score: 11 } })).status).toBe(400);
    const why = await t.request('POST', `/s/${npsToken}`, {
      body: { score: 0, comment: 'Too slow overall' },
    });
    expect(why.status).toBe(200);
    expect(
      await t.db.one(`SELECT score, comment FROM survey_responses WHERE ticket_id = $1 AND kind = 'nps'`, [
        ticketId,
      ]),
    ).toEqual({
      score: 0,
      comment: 'Too slow overall',
    });

    // Another solved ticket of the same contact within 30 days: CSAT again, but no second NPS.
    const second = await customerTicket('hana@customer.test', 'Another question');
    await setStatus(agent.token, second, 'solved');
    await waitFor(
      () =>
        t.db.one(`SELECT 1 FROM survey_requests WHERE ticket_id = $1 AND kind = 'csat' AND status = 'sent'`, [
          second,
        ]),
      30_000,
      'the second CSAT',
    );
    expect(
      await t.db.query(`SELECT 1 FROM survey_requests WHERE ticket_id = $1 AND kind = 'nps'`, [second]),
    ).toEqual([]);
  });

  it('a contact whose mail bounced gets no survey', async () => {
    expect(
      (
        await t.request('PUT', '/api/admin/survey-settings', {
          token: admin,
          body: SETTINGS,
        })
      ).status,
    ).toBe(200);
    const ticketId = await customerTicket('ivan@customer.test', 'Moving house');
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: agent.token,
      body: { kind: 'reply', body: 'Which address?' },
    });
    expect(reply.status).toBe(201);
    const sent = await waitFor(
      () => sink.received.find((m) => m.to.includes('ivan@customer.test')),
      30_000,
      'the reply at the sink',
    );
    await dovecot.append(
      SUPPORT,
      bounceMail({
        to: SUPPORT.user,
        originalMessageId: sent.parsed.messageId!,
        recipient: 'ivan@customer.test',
        diagnostic: '550 5.1.1 <ivan@customer.test>: mailbox unavailable',
      }),
    );
    await waitFor(
      () => t.db.one(`SELECT 1 FROM messages WHERE id = $1 AND delivery_state = 'failed'`, [reply.body.id]),
      30_000,
      'the bounce recorded',
    );
    await setStatus(agent.token, ticketId, 'solved');
    const settled = await waitFor(
      () =>
        t.db.one<{ status: string; reason: string }>(
          `SELECT status, reason FROM survey_requests WHERE ticket_id = $1 AND status <> 'scheduled'`,
          [ticketId],
        ),
      10_000,
      'the survey settled',
    );
    expect(settled).toEqual({ status: 'skipped', reason: 'bounced' });
    expect(surveyMailsTo('ivan@customer.test')).toHaveLength(0);
  });
});
