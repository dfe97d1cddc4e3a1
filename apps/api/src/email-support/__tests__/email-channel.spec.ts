import { jest } from '@jest/globals';
import { EmailWatcherSupervisor, PROCESSED_KEYWORD } from '@switchboard/channel-email';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { bounceMail, mail } from '../../test-support/email-harness.js';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const SUPPORT: MailUser = { user: 'support@support.test', password: 'support-pw' };
const SMALL: MailUser = { user: 'small@support.test', password: 'small-pw' };
const ACK: MailUser = { user: 'ack@support.test', password: 'ack-pw' };
const ORG: MailUser = { user: 'b2b@support.test', password: 'b2b-pw' };

jest.setTimeout(120_000);

describe('email channel against a real Dovecot and SMTP server', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let t: TestApp;
  let mailApp: MailTestApp;
  let admin: string;
  let teamId: string;
  const accounts: Record<string, string> = {};

  async function createAccount(user: MailUser, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: user.user,
        teamId,
        config: { address: user.user, imap: dovecot.imapConfig(user), smtp: sink.smtpConfig(), ...extra },
      },
    });
    if (res.status !== 201)
      throw new Error(`create email account: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  const messagesOf = (accountId: string) =>
    t.db.query<{
      id: string;
      ticket_id: string;
      external_id: string;
      text: string;
      html: string | null;
      meta: any;
      direction: string;
      delivery_state: string | null;
      delivery_error: string | null;
    }>(
      `SELECT id, ticket_id, external_id, text, html, meta, direction, delivery_state, delivery_error FROM messages WHERE channel_account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
  const inboundByExternalId = async (accountId: string, externalId: string) =>
    (await messagesOf(accountId)).find((m) => m.direction === 'in' && m.external_id === externalId);
  const waitInbound = (accountId: string, externalId: string, ms = 30_000) =>
    waitFor(() => inboundByExternalId(accountId, externalId), ms, `mail ${externalId} to be stored`);
  const ticketNumber = async (ticketId: string) =>
    Number(
      (await t.db.one<{ number: string }>(`SELECT number FROM tickets WHERE id = $1`, [ticketId]))!.number,
    );

  beforeAll(async () => {
    mailApp = await startMailTestApp([SUPPORT, SMALL, ACK, ORG]);
    ({ t, dovecot, sink } = mailApp);
    admin = await t.adminToken();
    teamId = await t.createTeam('Email support');
    accounts.support = await createAccount(SUPPORT);
    accounts.small = await createAccount(SMALL, { maxMessageBytes: 4096, maxAttachmentBytes: 2048 });
    accounts.org = await createAccount(ORG, { orgDomains: ['acme.test'] });
    accounts.ack = await createAccount(ACK, {
      autoAcknowledge: { enabled: true, capPerHour: 2, expectedResponse: 'within 4 business hours' },
    });
  });

  afterAll(async () => {
    await mailApp?.close();
  });

  it("round trip: a mail becomes a ticket, the reply is threaded, and the customer's answer lands on the same ticket", async () => {
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'Carol Customer <carol@customer.test>',
        to: SUPPORT.user,
        subject: 'Printer on fire',
        text: 'It is smoking.',
        messageId: '<first@customer.test>',
      }),
    );
    const first = await waitInbound(accounts.support, '<first@customer.test>');
    expect(first.text).toBe('It is smoking.');
    const number = await ticketNumber(first.ticket_id);

    const reply = await t.request('POST', `/api/tickets/${first.ticket_id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Please unplug it.\n\nThanks' },
    });
    expect(reply.status).toBe(201);
    const sent = await waitFor(
      () => sink.received.find((m) => m.to.includes('carol@customer.test')),
      30_000,
      'the reply at the SMTP sink',
    );
    const p = sent.parsed;
    expect(p.messageId).toMatch(/^<sb\.[0-9a-f]{32}@support\.test>$/);
    expect(p.inReplyTo).toBe('<first@customer.test>');
    expect([p.references].flat()).toContain('<first@customer.test>');
    expect(p.subject).toBe(`Re: Printer on fire [#${number}]`);
    expect(p.replyTo!.value[0].address).toMatch(
      new RegExp(`^support\\+t${number}-[0-9a-f]{16}@support\\.test$`),
    );
    expect(p.text).toContain('Please unplug it.');
    expect(p.html).toContain('<p>Please unplug it.</p>');
    const stored = await waitFor(
      async () =>
        (await messagesOf(accounts.support)).find(
          (m) => m.id === reply.body.id && m.delivery_state === 'sent',
        ),
      10_000,
      'the reply marked sent',
    );
    expect(stored.external_id).toBe(p.messageId);

    // The customer answers our mail: In-Reply-To is our Message-ID, To is the plus-address.
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'carol@customer.test',
        to: p.replyTo!.value[0].address!,
        subject: `Re: Printer on fire [#${number}]`,
        text: 'Done, thanks!\n\nOn Mon, Support wrote:\n> Please unplug it.',
        messageId: '<second@customer.test>',
        inReplyTo: p.messageId,
        references: `<first@customer.test> ${p.messageId}`,
      }),
    );
    const second = await waitInbound(accounts.support, '<second@customer.test>');
    expect(second.ticket_id).toBe(first.ticket_id);
    expect(second.text).toBe('Done, thanks!');
    expect(second.meta.elidedText).toContain('> Please unplug it.');
  });

  it('an Outlook reply that rewrote In-Reply-To still lands on its ticket through the plus-address and subject token', async () => {
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'dave@customer.test',
        to: SUPPORT.user,
        subject: 'Invoice question',
        messageId: '<dave-1@customer.test>',
      }),
    );
    const first = await waitInbound(accounts.support, '<dave-1@customer.test>');
    const number = await ticketNumber(first.ticket_id);
    const reply = await t.request('POST', `/api/tickets/${first.ticket_id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Which invoice?' },
    });
    const sent = await waitFor(
      () => sink.received.find((m) => m.to.includes('dave@customer.test')),
      30_000,
      'reply to dave',
    );
    await waitFor(
      async () =>
        (await messagesOf(accounts.support)).find(
          (m) => m.id === reply.body.id && m.delivery_state === 'sent',
        ),
      10_000,
    );
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'dave@customer.test',
        to: sent.parsed.replyTo!.value[0].address!,
        subject: `RE: Invoice question [#${number}]`,
        text: 'Number 7.',
        messageId: '<dave-2@customer.test>',
        inReplyTo: '<AM0PR01MB1234.outlook.example@eurprd01.prod.outlook.com>',
      }),
    );
    const second = await waitInbound(accounts.support, '<dave-2@customer.test>');
    expect(second.ticket_id).toBe(first.ticket_id);
  });

  it("a stranger replying with someone else's token gets a ticket of their own", async () => {
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'erin@customer.test',
        to: SUPPORT.user,
        subject: 'My account',
        messageId: '<erin-1@customer.test>',
      }),
    );
    const erin = await waitInbound(accounts.support, '<erin-1@customer.test>');
    const number = await ticketNumber(erin.ticket_id);
    await t.request('POST', `/api/tickets/${erin.ticket_id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Newsletter-ish answer' },
    });
    const sent = await waitFor(
      () => sink.received.find((m) => m.to.includes('erin@customer.test')),
      30_000,
      'reply to erin',
    );
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'mallory@elsewhere.test',
        to: sent.parsed.replyTo!.value[0].address!,
        subject: `Re: My account [#${number}]`,
        messageId: '<mallory-1@elsewhere.test>',
        inReplyTo: sent.parsed.messageId,
        references: sent.parsed.messageId,
      }),
    );
    const stranger = await waitInbound(accounts.support, '<mallory-1@elsewhere.test>');
    expect(stranger.ticket_id).not.toBe(erin.ticket_id);
  });

  it('a colleague from a configured organisation domain joins the ticket; after that, so do their later mails', async () => {
    await dovecot.append(
      ORG,
      mail({
        from: 'Frank Buyer <frank@acme.test>',
        to: ORG.user,
        subject: 'Bulk order',
        text: 'We need 500 units.',
        messageId: '<frank-1@acme.test>',
      }),
    );
    const frank = await waitInbound(accounts.org, '<frank-1@acme.test>');
    // Grace, Frank's colleague, was in Cc and answers the thread.
    await dovecot.append(
      ORG,
      mail({
        from: 'Grace Ops <grace@acme.test>',
        to: ORG.user,
        subject: 'Re: Bulk order',
        text: 'Delivery to our Berlin site, please.',
        messageId: '<grace-1@acme.test>',
        inReplyTo: '<frank-1@acme.test>',
        references: '<frank-1@acme.test>',
      }),
    );
    const grace = await waitInbound(accounts.org, '<grace-1@acme.test>');
    expect(grace.ticket_id).toBe(frank.ticket_id);
    // The timeline names who wrote: Grace, not the requester.
    const author = await t.db.one<{ name: string | null; address: string }>(
      `SELECT c.name, i.address FROM messages m JOIN contact_identities i ON i.id = m.identity_id JOIN contacts c ON c.id = i.contact_id WHERE m.id = $1`,
      [grace.id],
    );
    expect(author).toEqual({ name: 'Grace Ops', address: 'grace@acme.test' });

    // Someone outside the domain using the same thread gets a ticket of their own.
    await dovecot.append(
      ORG,
      mail({
        from: 'mallory@elsewhere.test',
        to: ORG.user,
        subject: 'Re: Bulk order',
        messageId: '<mallory-2@elsewhere.test>',
        inReplyTo: '<grace-1@acme.test>',
        references: '<frank-1@acme.test> <grace-1@acme.test>',
      }),
    );
    const mallory = await waitInbound(accounts.org, '<mallory-2@elsewhere.test>');
    expect(mallory.ticket_id).not.toBe(frank.ticket_id);
  });

  it('a mail without a Message-ID is stored under a synthetic id from the hash of its bytes', async () => {
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'frank@customer.test',
        to: SUPPORT.user,
        subject: 'No id',
        text: 'anonymous',
        messageId: null,
      }),
    );
    const stored = await waitFor(
      async () => (await messagesOf(accounts.support)).find((m) => m.text === 'anonymous'),
      30_000,
      'the id-less mail',
    );
    expect(stored.external_id).toMatch(/^<[0-9a-f]{64}@switchboard\.invalid>$/);
    expect(stored.meta.messageIdSynthetic).toBe(true);
  });

  it('mail the parser refuses goes to a quarantine admins can see, download and re-import', async () => {
    const big = mail({
      from: 'gina@customer.test',
      to: SMALL.user,
      subject: 'Huge',
      text: 'x'.repeat(8000),
      messageId: '<gina-big@customer.test>',
    });
    await dovecot.append(SMALL, big);
    const listed = await waitFor(
      async () => {
        const res = await t.request('GET', `/api/admin/email-quarantine?channelAccountId=${accounts.small}`, {
          token: admin,
        });
        return res.body.items?.length ? res.body.items : null;
      },
      30_000,
      'the quarantine entry',
    );
    expect(listed[0]).toMatchObject({
      channelAccountId: accounts.small,
      reason: 'too_large',
      reimportedAt: null,
    });
    expect(listed[0].error).toMatch(/over this mailbox's 4096-byte limit/);
    // Quarantined mail is handled: flagged on the server, never re-fetched.
    await waitFor(
      async () => [...(await dovecot.flags(SMALL)).values()].some((f) => f.has(PROCESSED_KEYWORD)),
      10_000,
      'the quarantined mail flagged',
    );
    const agent = await t.createUser({ email: 'agent-q@test.local', teamIds: [teamId] });
    expect((await t.request('GET', '/api/admin/email-quarantine', { token: agent.token })).status).toBe(403);
    const raw = await fetch(`${t.url}${listed[0].rawUrl}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(raw.status).toBe(200);
    expect(await raw.text()).toContain('Subject: Huge');

    const reimported = await t.request('POST', `/api/admin/email-quarantine/${listed[0].id}/reimport`, {
      token: admin,
    });
    expect(reimported.status).toBe(200);
    expect(reimported.body.parsed).toBe(true);
    const stored = await inboundByExternalId(accounts.small, '<gina-big@customer.test>');
    expect(stored?.ticket_id).toBe(reimported.body.ticketId);
    const after = await t.request('GET', `/api/admin/email-quarantine?channelAccountId=${accounts.small}`, {
      token: admin,
    });
    expect(after.body.items).toHaveLength(0);
  });

  it('an oversize attachment is recorded as rejected on the message, the rest is stored', async () => {
    await dovecot.append(
      SMALL,
      mail({
        from: 'hank@customer.test',
        to: SMALL.user,
        subject: 'Files',
        messageId: '<hank@customer.test>',
        attachments: [
          { filename: 'small.txt', contentType: 'text/plain', content: Buffer.from('tiny') },
          { filename: 'big.bin', contentType: 'application/octet-stream', content: Buffer.alloc(2500, 7) },
        ],
      }),
    );
    const stored = await waitInbound(accounts.small, '<hank@customer.test>');
    const [small, big] = stored.meta.attachments;
    expect(small).toMatchObject({
      filename: 'small.txt',
      storageKey: expect.stringMatching(/^email-files\/[0-9a-f]{2}\/[0-9a-f]{64}$/),
    });
    expect(big).toMatchObject({
      filename: 'big.bin',
      size: 2500,
      rejectedReason: expect.stringContaining('over the 2048-byte limit'),
    });
    expect(big.storageKey).toBeUndefined();
    expect(
      (await t.request('GET', `/api/email/messages/${stored.id}/attachments/1`, { token: admin })).status,
    ).toBe(404);
  });

  it('attachments are served as downloads with nosniff and a sandbox CSP; only raster images inline; the raw .eml too', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'ivy@customer.test',
        to: SUPPORT.user,
        subject: 'Screenshots',
        messageId: '<ivy@customer.test>',
        html: '<p>see <img src="cid:shot1"></p>',
        attachments: [
          { filename: 'shot.png', contentType: 'image/png', content: png, cid: 'shot1' },
          {
            filename: 'evil.svg',
            contentType: 'image/svg+xml',
            content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
          },
          {
            filename: '../../etc/passwd.html',
            contentType: 'text/html',
            content: Buffer.from('<script>alert(1)</script>'),
          },
        ],
      }),
    );
    const stored = await waitInbound(accounts.support, '<ivy@customer.test>');
    const get = (path: string, token = admin) =>
      fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const common = (res: Response) => {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    };
    const image = await get(`/api/email/messages/${stored.id}/attachments/0`);
    expect(image.status).toBe(200);
    common(image);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toMatch(/^inline; filename="shot.png"/);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    const svg = await get(`/api/email/messages/${stored.id}/attachments/1`);
    common(svg);
    expect(svg.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(svg.headers.get('content-type')).toBe('application/octet-stream');
    const html = await get(`/api/email/messages/${stored.id}/attachments/2`);
    common(html);
    expect(html.headers.get('content-disposition')).toMatch(/^attachment; filename="passwd.html"/);
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    // The cid: image points at the stored file through a URL of ours.
    expect(stored.html).toMatch(/<img src="\/api\/email\/mail\/[0-9a-f]{64}\/attachments\/0"/);
    const inline = await get(stored.html!.match(/src="([^"]+)"/)![1]);
    expect(inline.status).toBe(200);
    const raw = await get(`/api/email/messages/${stored.id}/raw`);
    common(raw);
    expect(raw.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(await raw.text()).toContain('Message-ID: <ivy@customer.test>');
    // An agent outside the ticket's team sees nothing.
    const outsider = await t.createUser({ email: 'outsider@test.local', teamIds: [] });
    expect((await get(`/api/email/messages/${stored.id}/attachments/0`, outsider.token)).status).toBe(404);
    expect((await get(`/api/email/messages/${stored.id}/raw`, outsider.token)).status).toBe(404);
  });

  it('HTML mail with script, handlers, javascript: URLs, SVG and CSS tricks is stored sanitized', async () => {
    const evil = `<div onclick="alert(1)">hi<script>alert(2)</script><a href="javascript:alert(3)">x</a><svg><script>alert(4)</script></svg>
      <img src=x onerror="alert(5)"><iframe src="https://evil.test"></iframe><style>body{background:url(javascript:alert(6))}</style>
      <p style="background-image:url(https://track.test/p.gif);width:expression(alert(7))">styled</p><form action="https://evil.test"><input></form></div>`;
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'jack@customer.test',
        to: SUPPORT.user,
        subject: 'XSS',
        messageId: '<xss@customer.test>',
        html: evil,
      }),
    );
    const stored = await waitInbound(accounts.support, '<xss@customer.test>');
    expect(stored.html).toContain('styled');
    expect(stored.html).not.toMatch(
      /<script|onclick|onerror|javascript:|<svg|<iframe|<style|expression\(|url\(|<form/i,
    );
    const timeline = await t.request('GET', `/api/tickets/${stored.ticket_id}/messages`, { token: admin });
    const item = timeline.body.items.find((i: any) => i.id === stored.id);
    expect(item.html).toBe(stored.html);
  });

  it('acknowledges new tickets only: not auto-replies, bulk mail or bounces, and at most capPerHour per contact', async () => {
    const before = sink.received.length;
    await dovecot.append(
      ACK,
      mail({
        from: 'kim@customer.test',
        to: ACK.user,
        subject: 'Need help',
        messageId: '<kim-1@customer.test>',
      }),
    );
    const kim = await waitInbound(accounts.ack, '<kim-1@customer.test>');
    const number = await ticketNumber(kim.ticket_id);
    const ack = await waitFor(
      () => sink.received.slice(before).find((m) => m.to.includes('kim@customer.test')),
      30_000,
      'the acknowledgement',
    );
    expect(ack.parsed.text).toContain(`#${number}`);
    expect(ack.parsed.text).toContain('within 4 business hours');
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.parsed.inReplyTo).toBe('<kim-1@customer.test>');

    await dovecot.append(
      ACK,
      mail({
        from: 'ooo@customer.test',
        to: ACK.user,
        subject: 'Out of office',
        messageId: '<ooo@customer.test>',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    await dovecot.append(
      ACK,
      mail({
        from: 'news@lists.test',
        to: ACK.user,
        subject: 'Weekly news',
        messageId: '<news@lists.test>',
        headers: { Precedence: 'bulk', 'List-Id': '<news.lists.test>' },
      }),
    );
    // Cap: kim's second and third new tickets within the hour; capPerHour is 2.
    await dovecot.append(
      ACK,
      mail({
        from: 'kim@customer.test',
        to: ACK.user,
        subject: 'Another thing',
        messageId: '<kim-2@customer.test>',
      }),
    );
    await dovecot.append(
      ACK,
      mail({
        from: 'kim@customer.test',
        to: ACK.user,
        subject: 'Third thing',
        messageId: '<kim-3@customer.test>',
      }),
    );
    for (const id of [
      '<ooo@customer.test>',
      '<news@lists.test>',
      '<kim-2@customer.test>',
      '<kim-3@customer.test>',
    ])
      await waitInbound(accounts.ack, id);

    // The bounce of kim's acknowledgement marks it failed, and is not acknowledged itself.
    const ackMessage = (await messagesOf(accounts.ack)).find((m) => m.external_id === ack.parsed.messageId)!;
    expect(ackMessage.delivery_state).toBe('sent');
    await dovecot.append(
      ACK,
      bounceMail({
        to: ACK.user,
        originalMessageId: ack.parsed.messageId!,
        recipient: 'kim@customer.test',
        diagnostic: '550 5.1.1 <kim@customer.test>: mailbox unavailable',
      }),
    );
    const failed = await waitFor(
      async () =>
        (await messagesOf(accounts.ack)).find((m) => m.id === ackMessage.id && m.delivery_state === 'failed'),
      30_000,
      'the bounced acknowledgement marked failed',
    );
    expect(failed.delivery_error).toContain('550 5.1.1');
    await waitFor(
      async () =>
        (await dovecot.flags(ACK)).size === 6 &&
        [...(await dovecot.flags(ACK)).values()].every((f) => f.has(PROCESSED_KEYWORD)),
      20_000,
      'all six mails processed',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const acks = sink.received.slice(before);
    expect(acks.map((m) => m.to[0]).sort()).toEqual(['kim@customer.test', 'kim@customer.test']);
    const bounceRows = await t.db.query(`SELECT reason FROM email_bounces WHERE channel_account_id = $1`, [
      accounts.ack,
    ]);
    expect(bounceRows).toHaveLength(1);
  });

  it("the SMTP server's 5xx refusal shows on the message; a 4xx is retried", async () => {
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'liz@customer.test',
        to: SUPPORT.user,
        subject: 'Refused',
        messageId: '<liz@customer.test>',
      }),
    );
    const liz = await waitInbound(accounts.support, '<liz@customer.test>');
    sink.reject = { code: 451, message: '4.7.1 Greylisted, try again later' };
    const reply = await t.request('POST', `/api/tickets/${liz.ticket_id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'hello?' },
    });
    const retrying = await waitFor(
      async () =>
        (await messagesOf(accounts.support)).find(
          (m) => m.id === reply.body.id && m.delivery_error?.includes('retrying'),
        ),
      20_000,
      'a retry',
    );
    expect(retrying.delivery_error).toContain('Greylisted');
    sink.reject = { code: 550, message: '5.7.1 Relaying denied' };
    const rejected = await t.request('POST', `/api/tickets/${liz.ticket_id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'again' },
    });
    const failed = await waitFor(
      async () =>
        (await messagesOf(accounts.support)).find(
          (m) => m.id === rejected.body.id && m.delivery_state === 'failed',
        ),
      20_000,
      'the refusal',
    );
    expect(failed.delivery_error).toContain('Relaying denied');
    sink.reject = null;
  });

  it('the connection test reports IMAP and SMTP problems in plain words, for admins only', async () => {
    const good = await t.request('POST', `/api/channels/email/${accounts.support}/test`, { token: admin });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      ok: true,
      imap: expect.stringContaining('Logged in'),
      smtp: expect.stringContaining('accepts mail'),
    });
    const broken = (
      await t.request('POST', '/api/admin/channel-accounts', {
        token: admin,
        body: {
          kind: 'email',
          name: 'broken',
          teamId,
          config: {
            address: 'nobody@support.test',
            imap: { ...dovecot.imapConfig(SUPPORT), password: 'wrong' },
            smtp: { host: '127.0.0.1', port: 1, secure: false },
          },
        },
      })
    ).body.id;
    const bad = await t.request('POST', `/api/channels/email/${broken}/test`, { token: admin });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.imap).toMatch(/password was refused/);
    expect(bad.body.smtp).toMatch(/Nothing accepts connections at 127\.0\.0\.1:1/);
    const shared = await t.request('POST', `/api/admin/channel-accounts/${broken}/test`, { token: admin });
    expect(shared.body.ok).toBe(false);
    const agent = await t.createUser({ email: 'agent-t@test.local', teamIds: [teamId] });
    expect(
      (await t.request('POST', `/api/channels/email/${accounts.support}/test`, { token: agent.token }))
        .status,
    ).toBe(403);
    const invalid = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind: 'email', name: 'x', config: { address: 'not-an-address', imap: {}, smtp: {} } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/config\.address/);
  });

  it('restarting the watcher mid-stream loses and duplicates nothing', async () => {
    const supervisor = t.app.get(EmailWatcherSupervisor);
    const total = 40;
    const ids = Array.from({ length: total }, (_, i) => `<stream-${i}@customer.test>`);
    const client = await dovecot.client(SUPPORT);
    try {
      for (const [i, id] of ids.entries()) {
        await client.append(
          'INBOX',
          mail({ from: `s${i % 7}@customer.test`, to: SUPPORT.user, subject: `stream ${i}`, messageId: id }),
        );
        if (i === 15) await supervisor.restart(accounts.support);
      }
    } finally {
      await client.logout();
    }
    await waitFor(
      async () => {
        const rows = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM messages WHERE channel_account_id = $1 AND external_id LIKE '<stream-%'`,
          [accounts.support],
        );
        return rows[0].n >= total;
      },
      60_000,
      'all streamed mail',
    );
    await supervisor.restart(accounts.support);
    await new Promise((r) => setTimeout(r, 1500));
    const rows = await t.db.query<{ n: number; d: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d FROM messages WHERE channel_account_id = $1 AND external_id LIKE '<stream-%'`,
      [accounts.support],
    );
    expect(rows[0]).toEqual({ n: total, d: total });
    const flags = await dovecot.flags(SUPPORT);
    expect([...flags.values()].filter((f) => !f.has(PROCESSED_KEYWORD))).toHaveLength(0);
  });

  it('a UIDVALIDITY change re-scans the mailbox without losing or duplicating mail', async () => {
    const supervisor = t.app.get(EmailWatcherSupervisor);
    const before = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE channel_account_id = $1 AND direction = 'in'`,
      [accounts.support],
    );
    await t.db.query(
      `UPDATE email_mailbox_checkpoints SET uid_validity = uid_validity + 1 WHERE channel_account_id = $1`,
      [accounts.support],
    );
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'uv@customer.test',
        to: SUPPORT.user,
        subject: 'after rescan',
        messageId: '<uv@customer.test>',
      }),
    );
    await supervisor.restart(accounts.support);
    await waitInbound(accounts.support, '<uv@customer.test>');
    await waitFor(
      async () => {
        const cp = await t.db.one<{ last_uid: string }>(
          `SELECT last_uid FROM email_mailbox_checkpoints WHERE channel_account_id = $1`,
          [accounts.support],
        );
        return Number(cp!.last_uid) >= (await dovecot.flags(SUPPORT)).size;
      },
      30_000,
      'the re-scan to finish',
    );
    const after = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE channel_account_id = $1 AND direction = 'in'`,
      [accounts.support],
    );
    expect(after[0].n).toBe(before[0].n + 1);
  });
});
