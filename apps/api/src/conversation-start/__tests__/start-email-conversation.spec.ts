import { jest } from '@jest/globals';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const SUPPORT: MailUser = { user: 'outreach@support.test', password: 'outreach-pw' };

jest.setTimeout(120_000);

describe('an agent starts an email conversation', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let agent: { id: string; token: string };
  let accountId: string;
  let teamId: string;

  const inboundOn = (ticketId: string, from: string) =>
    waitFor(
      () =>
        t.db.one<{ ticket_id: string; text: string }>(
          `SELECT m.ticket_id, m.text FROM messages m JOIN contact_identities i ON i.id = m.identity_id
            WHERE m.direction = 'in' AND i.address = $1 AND m.ticket_id = $2`,
          [from, ticketId],
        ),
      30_000,
      `the mail of ${from} on the ticket`,
    );

  beforeAll(async () => {
    mailApp = await startMailTestApp([SUPPORT]);
    ({ t, dovecot, sink } = mailApp);
    const admin = await t.adminToken();
    teamId = await t.createTeam('Outreach');
    agent = await t.createUser({ email: 'erin@test.local', teamIds: [teamId] });
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Outreach',
        teamId,
        config: { address: SUPPORT.user, imap: dovecot.imapConfig(SUPPORT), smtp: sink.smtpConfig() },
      },
    });
    if (res.status !== 201)
      throw new Error(`create email account: ${res.status} ${JSON.stringify(res.body)}`);
    accountId = res.body.id;
  });

  afterAll(async () => {
    await mailApp?.close();
  });

  it("reaches the customer with proper headers; the customer's and the Cc'd colleague's replies land on the ticket", async () => {
    const started = await t.request('POST', '/api/tickets', {
      token: agent.token,
      body: {
        to: { kind: 'email', address: 'Nina@Customer.test', name: 'Nina' },
        channelAccountId: accountId,
        subject: 'Your renewal',
        body: 'Hello Nina,\n\nyour contract renews next month.',
        cc: ['boss@customer.test'],
        bcc: ['audit@support.test'],
      },
    });
    expect(started.status).toBe(201);
    const { ticketId, number } = started.body;

    const sent = await waitFor(
      () => sink.received.find((m) => m.to.includes('nina@customer.test')),
      30_000,
      'the mail at the SMTP sink',
    );
    // Every envelope recipient gets it; the Bcc address appears in no header.
    expect(sent.to.sort()).toEqual(['audit@support.test', 'boss@customer.test', 'nina@customer.test']);
    const p = sent.parsed;
    expect(p.from!.value[0].address).toBe(SUPPORT.user);
    expect(p.to && !Array.isArray(p.to) ? p.to.value.map((a) => a.address) : []).toEqual([
      'nina@customer.test',
    ]);
    expect(p.cc && !Array.isArray(p.cc) ? p.cc.value.map((a) => a.address) : []).toEqual([
      'boss@customer.test',
    ]);
    expect(p.headers.has('bcc')).toBe(false);
    expect(sent.raw.toString('utf8')).not.toContain('audit@support.test');
    expect(p.messageId).toMatch(/^<sb\.[0-9a-f]{32}@support\.test>$/);
    expect(p.inReplyTo).toBeUndefined();
    expect(p.subject).toBe(`Your renewal [#${number}]`);
    expect(p.text).toContain('your contract renews next month.');

    // The customer answers the thread (no subject token: only the Message-ID threads it).
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'Nina <nina@customer.test>',
        to: SUPPORT.user,
        subject: 'Re: Your renewal',
        text: 'Thanks, please send the invoice.',
        messageId: '<nina-1@customer.test>',
        inReplyTo: p.messageId!,
        references: p.messageId!,
      }),
    );
    expect((await inboundOn(ticketId, 'nina@customer.test')).text).toContain('please send the invoice');

    // The colleague who was copied answers too: not the ticket's contact, yet it joins the ticket.
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'Boris <boss@customer.test>',
        to: SUPPORT.user,
        subject: 'Re: Your renewal',
        text: 'Approved on our side.',
        messageId: '<boss-1@customer.test>',
        inReplyTo: p.messageId!,
        references: p.messageId!,
      }),
    );
    expect((await inboundOn(ticketId, 'boss@customer.test')).text).toContain('Approved on our side.');

    // Someone only blind-copied is no participant: their mail to the thread opens a ticket of its own.
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'audit@support.test',
        to: SUPPORT.user,
        subject: 'Re: Your renewal',
        text: 'Noted.',
        messageId: '<audit-1@support.test>',
        inReplyTo: p.messageId!,
      }),
    );
    const audit = await waitFor(
      () =>
        t.db.one<{ ticket_id: string }>(
          `SELECT ticket_id FROM messages WHERE external_id = '<audit-1@support.test>'`,
        ),
      30_000,
      'the blind copy reader’s mail',
    );
    expect(audit.ticket_id).not.toBe(ticketId);
    const tickets = await t.db.query(`SELECT 1 FROM messages WHERE ticket_id = $1 AND direction = 'in'`, [
      ticketId,
    ]);
    expect(tickets).toHaveLength(2);
  });

  it('a reply takes Cc and Bcc; copies on another channel are refused', async () => {
    const started = await t.request('POST', '/api/tickets', {
      token: agent.token,
      body: {
        to: { kind: 'email', address: 'olga@customer.test' },
        channelAccountId: accountId,
        subject: 'Hi',
        body: 'First',
      },
    });
    expect(started.status).toBe(201);
    const reply = await t.request('POST', `/api/tickets/${started.body.ticketId}/messages`, {
      token: agent.token,
      body: {
        kind: 'reply',
        body: 'Adding my colleague',
        cc: ['Pia@Customer.test'],
        bcc: ['records@support.test'],
      },
    });
    expect(reply.status).toBe(201);
    const sent = await waitFor(
      () => sink.received.find((m) => m.parsed.text?.includes('Adding my colleague')),
      30_000,
      'the reply with copies',
    );
    expect(sent.to.sort()).toEqual(['olga@customer.test', 'pia@customer.test', 'records@support.test']);
    expect(sent.parsed.headers.has('bcc')).toBe(false);
    const participants = await t.db.query<{ address: string }>(
      `SELECT address FROM ticket_copied_addresses WHERE ticket_id = $1`,
      [started.body.ticketId],
    );
    expect(participants.map((r) => r.address)).toEqual(['pia@customer.test']);

    const note = await t.request('POST', `/api/tickets/${started.body.ticketId}/messages`, {
      token: agent.token,
      body: { kind: 'note', body: 'internal', cc: ['x@customer.test'] },
    });
    expect(note.status).toBe(400);
    expect(note.body.message).toMatch(/^cc: a note is not sent/);
    const noSubject = await t.request('POST', '/api/tickets', {
      token: agent.token,
      body: { to: { kind: 'email', address: 'olga@customer.test' }, channelAccountId: accountId, body: 'x' },
    });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.message).toMatch(/^subject: /);
  });
  it('the first mail carries the files the agent attached before starting; nobody else can send them', async () => {
    const pdf = Buffer.from('%PDF-1.4 the signed contract');
    const upload = (token: string, channelAccountId: string) =>
      t.request('POST', '/api/attachments', {
        token,
        body: {
          filename: 'contract.pdf',
          contentType: 'application/pdf',
          data: pdf.toString('base64'),
          channelAccountId,
        },
      });
    const uploaded = await upload(agent.token, accountId);
    expect(uploaded.status).toBe(201);
    const start = (token: string, attachmentIds: string[], to = 'rita@customer.test') =>
      t.request('POST', '/api/tickets', {
        token,
        body: {
          to: { kind: 'email', address: to },
          channelAccountId: accountId,
          subject: 'Contract',
          body: 'Attached.',
          attachmentIds,
        },
      });

    // Another agent of the team cannot send this agent's upload.
    const colleague = await t.createUser({ email: 'finn@test.local', teamIds: [teamId] });
    const stolen = await start(colleague.token, [uploaded.body.id], 'someone@customer.test');
    expect(stolen.status).toBe(400);
    expect(stolen.body.message).toMatch(
      /^attachmentIds: .* is not one of your unsent uploads for a new conversation$/,
    );

    expect((await start(agent.token, [uploaded.body.id])).status).toBe(201);
    const sent = await waitFor(
      () => sink.received.find((m) => m.to.includes('rita@customer.test')),
      30_000,
      'the first mail with its file',
    );
    expect(sent.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['contract.pdf', pdf.toString()],
    ]);
    // Sent once: the same upload cannot start a second conversation.
    expect((await start(agent.token, [uploaded.body.id], 'sam@customer.test')).status).toBe(400);

    // A channel that cannot carry files refuses the upload at once.
    const api = await t.createApiAccount({ teamId });
    const onApi = await upload(agent.token, api.id);
    expect(onApi.status).toBe(400);
    expect(onApi.body.message).toMatch(/^channelAccountId: attachments can be sent by email only/);
  });
});
