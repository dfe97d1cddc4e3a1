import { jest } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildMessageId } from '@switchboard/channel-email';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';
import { TicketAttachments } from '../../tickets/ticket-attachments.service.js';

const SUPPORT: MailUser = { user: 'files@support.test', password: 'files-pw' };
/** The mailbox's own attachment limit, which uploads for its tickets obey too. */
const MAILBOX_LIMIT = 64 * 1024;

jest.setTimeout(120_000);

const pdf = () =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1'),
    randomBytes(3000),
    Buffer.from('\n%%EOF\n'),
  ]);
const png = () => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(2000)]);

describe('agents attach files to email replies (real Dovecot and SMTP server)', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let t: TestApp;
  let dataDir: string;
  let mailApp: MailTestApp;
  let admin: string;
  let teamId: string;
  let accountId: string;
  let member: { id: string; token: string };
  let colleague: { id: string; token: string };
  let outsider: { id: string; token: string };
  let n = 0;

  /** A customer mails the support address; resolves to the ticket and the mail's Message-ID. */
  async function ticketFromCustomer(
    subject: string,
  ): Promise<{ ticketId: string; customer: string; messageId: string }> {
    n += 1;
    const customer = `customer${n}@customer.test`;
    const messageId = `<att-${n}-${randomBytes(4).toString('hex')}@customer.test>`;
    await dovecot.append(
      SUPPORT,
      mail({ from: customer, to: SUPPORT.user, subject, text: 'Please send the quote.', messageId }),
    );
    const row = await waitFor(
      () =>
        t.db.one<{ ticket_id: string }>(
          `SELECT ticket_id FROM messages WHERE channel_account_id = $1 AND external_id = $2`,
          [accountId, messageId],
        ),
      30_000,
      `mail ${messageId} to be stored`,
    );
    return { ticketId: row.ticket_id, customer, messageId };
  }

  const upload = (
    token: string,
    ticketId: string,
    file: { filename: string; contentType?: string; bytes: Buffer },
  ) =>
    t.request('POST', `/api/tickets/${ticketId}/attachments`, {
      token,
      body: {
        filename: file.filename,
        ...(file.contentType ? { contentType: file.contentType } : {}),
        data: file.bytes.toString('base64'),
      },
    });

  const reply = (token: string, ticketId: string, attachmentIds: string[], body = 'Here you are.') =>
    t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token,
      body: { kind: 'reply', body, attachmentIds },
    });

  const download = async (token: string, url: string) => {
    const res = await fetch(t.url + url, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  const messageRow = (id: string) =>
    t.db.one<{ delivery_state: string | null; delivery_error: string | null; external_id: string | null }>(
      `SELECT delivery_state, delivery_error, external_id FROM messages WHERE id = $1`,
      [id],
    );
  const timelineMessage = async (token: string, ticketId: string, messageId: string) =>
    ((await t.request('GET', `/api/tickets/${ticketId}/messages`, { token })).body.items as any[]).find(
      (i) => i.entry === 'message' && i.id === messageId,
    );

  beforeAll(async () => {
    mailApp = await startMailTestApp([SUPPORT]);
    ({ t, dovecot, sink, dataDir } = mailApp);
    admin = await t.adminToken();
    teamId = await t.createTeam('Quotes');
    const elsewhere = await t.createTeam('Elsewhere');
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Quotes mailbox',
        teamId,
        config: {
          address: SUPPORT.user,
          imap: dovecot.imapConfig(SUPPORT),
          smtp: sink.smtpConfig(),
          maxAttachmentBytes: MAILBOX_LIMIT,
        },
      },
    });
    if (res.status !== 201)
      throw new Error(`create email account: ${res.status} ${JSON.stringify(res.body)}`);
    accountId = res.body.id;
    member = await t.createUser({ email: 'mia@agents.test', teamIds: [teamId] });
    colleague = await t.createUser({ email: 'cole@agents.test', teamIds: [teamId] });
    outsider = await t.createUser({ email: 'otto@agents.test', teamIds: [elsewhere] });
  });

  afterAll(async () => {
    await mailApp?.close();
  });

  it('a reply with a PDF and a PNG reaches the customer as real attachments, threaded, and both download from the timeline', async () => {
    const { ticketId, customer, messageId } = await ticketFromCustomer('Quote for 40 chairs');
    const quote = pdf();
    const photo = png();

    const a = await upload(member.token, ticketId, {
      filename: 'quote.pdf',
      contentType: 'application/pdf',
      bytes: quote,
    });
    const b = await upload(member.token, ticketId, {
      filename: 'chair.png',
      contentType: 'image/png',
      bytes: photo,
    });
    expect(a.status).toBe(201);
    expect(a.body).toEqual({
      id: expect.any(String),
      filename: 'quote.pdf',
      contentType: 'application/pdf',
      size: quote.length,
    });
    expect(b.body).toMatchObject({ filename: 'chair.png', contentType: 'image/png', size: photo.length });

    const sent = await reply(
      member.token,
      ticketId,
      [a.body.id, b.body.id],
      'The quote and a photo are attached.',
    );
    expect(sent.status).toBe(201);
    expect(sent.body.attachments.map((f: any) => f.filename)).toEqual(['quote.pdf', 'chair.png']);

    const received = await waitFor(
      () => sink.received.find((m) => m.to.includes(customer)),
      30_000,
      'the reply at the SMTP sink',
    );
    const p = received.parsed;
    const number = Number(
      (await t.db.one<{ number: string }>(`SELECT number FROM tickets WHERE id = $1`, [ticketId]))!.number,
    );
    expect(p.messageId).toBe(buildMessageId(sent.body.id, 'support.test'));
    expect(p.inReplyTo).toBe(messageId);
    expect([p.references].flat()).toContain(messageId);
    expect(p.subject).toBe(`Re: Quote for 40 chairs [#${number}]`);
    expect(p.text).toContain('The quote and a photo are attached.');
    expect(p.attachments.map((f) => ({ filename: f.filename, contentType: f.contentType }))).toEqual([
      { filename: 'quote.pdf', contentType: 'application/pdf' },
      { filename: 'chair.png', contentType: 'image/png' },
    ]);
    expect(p.attachments[0].content.equals(quote)).toBe(true);
    expect(p.attachments[1].content.equals(photo)).toBe(true);
    await waitFor(
      async () => (await messageRow(sent.body.id))?.delivery_state === 'sent',
      10_000,
      'the reply marked sent',
    );

    // The agent's timeline lists what was sent, and each file downloads byte for byte.
    const shown = await timelineMessage(member.token, ticketId, sent.body.id);
    expect(shown.deliveryState).toBe('sent');
    expect(shown.attachments).toEqual([
      {
        filename: 'quote.pdf',
        contentType: 'application/pdf',
        size: quote.length,
        url: `/api/email/messages/${sent.body.id}/attachments/0`,
      },
      {
        filename: 'chair.png',
        contentType: 'image/png',
        size: photo.length,
        url: `/api/email/messages/${sent.body.id}/attachments/1`,
      },
    ]);
    const got = await download(member.token, shown.attachments[0].url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain('filename="quote.pdf"');
    expect(got.bytes.equals(quote)).toBe(true);
    expect((await download(member.token, shown.attachments[1].url)).bytes.equals(photo)).toBe(true);
    // Someone who cannot see the ticket cannot fetch its files either.
    expect((await download(outsider.token, shown.attachments[0].url)).status).toBe(404);

    // Once sent, an upload cannot go out again with another reply.
    const again = await reply(member.token, ticketId, [a.body.id]);
    expect(again.status).toBe(400);
    expect(again.body.message).toContain(
      `attachmentIds: ${a.body.id} is not one of your unsent uploads on this ticket`,
    );
  });

  it('refuses unknown, foreign and malformed attachments, and files over the mailbox limit, saying why', async () => {
    const { ticketId } = await ticketFromCustomer('Bad input');
    const other = await ticketFromCustomer('Another ticket');

    const unknown = randomUUID();
    const res = await reply(member.token, ticketId, [unknown]);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      `attachmentIds: ${unknown} is not one of your unsent uploads on this ticket`,
    );

    const onOtherTicket = await upload(member.token, other.ticketId, {
      filename: 'other.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('other ticket'),
    });
    expect((await reply(member.token, ticketId, [onOtherTicket.body.id])).status).toBe(400);

    expect((await reply(member.token, ticketId, ['not-an-id'])).body.message).toContain(
      'attachmentIds.0: must be the id of an upload',
    );

    const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: member.token,
      body: { kind: 'note', body: 'fyi', attachmentIds: [onOtherTicket.body.id] },
    });
    expect(note.status).toBe(400);
    expect(note.body.message).toBe('attachmentIds: a note is not sent to the customer');

    const tooBig = await upload(member.token, ticketId, {
      filename: 'huge.bin',
      bytes: randomBytes(MAILBOX_LIMIT + 1),
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toBe(
      `the file is ${MAILBOX_LIMIT + 1} bytes, over the ${MAILBOX_LIMIT}-byte limit for attachments`,
    );

    // Bigger than the API's usual body limit: still answered by the attachment rule, with the reason.
    const overBodyLimit = await upload(member.token, ticketId, {
      filename: 'video.mp4',
      bytes: randomBytes(2 * 1024 * 1024),
    });
    expect(overBodyLimit.status).toBe(413);
    expect(overBodyLimit.body.message).toBe(
      `the file is ${2 * 1024 * 1024} bytes, over the ${MAILBOX_LIMIT}-byte limit for attachments`,
    );

    const notBase64 = await t.request('POST', `/api/tickets/${ticketId}/attachments`, {
      token: member.token,
      body: { filename: 'x.txt', data: 'not base64!' },
    });
    expect(notBase64.status).toBe(400);
    expect(notBase64.body.message).toBe('data: must be base64');

    // Nothing of the refused replies was stored or queued.
    const outbound = await t.db.query(`SELECT 1 FROM messages WHERE ticket_id = $1 AND direction = 'out'`, [
      ticketId,
    ]);
    expect(outbound).toHaveLength(0);
  });

  it('a filename like ../../etc/passwd is kept as a plain name and never becomes a path', async () => {
    const { ticketId, customer } = await ticketFromCustomer('Sneaky name');
    const bytes = Buffer.from(`root:x:0:0:${randomUUID()}\n`);
    const res = await upload(member.token, ticketId, {
      filename: '../../etc/passwd',
      contentType: 'text/plain',
      bytes,
    });
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('passwd');

    const row = await t.db.one<{ storage_key: string }>(
      `SELECT storage_key FROM outbound_attachments WHERE id = $1`,
      [res.body.id],
    );
    expect(row!.storage_key).toMatch(/^uploads\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(statSync(join(dataDir, row!.storage_key)).size).toBe(bytes.length);
    expect(filesUnder(dataDir).some((f) => f.endsWith('passwd'))).toBe(false);

    const sent = await reply(member.token, ticketId, [res.body.id]);
    expect(sent.body.attachments[0].filename).toBe('passwd');
    const received = await waitFor(
      () => sink.received.find((m) => m.to.includes(customer)),
      30_000,
      'the reply at the SMTP sink',
    );
    expect(received.parsed.attachments.map((f) => f.filename)).toEqual(['passwd']);
  });

  it('an agent who cannot see the ticket can neither upload to it nor send its uploads; a colleague cannot send yours', async () => {
    const { ticketId } = await ticketFromCustomer('Private');
    const mine = await upload(member.token, ticketId, {
      filename: 'mine.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('member only'),
    });
    expect(mine.status).toBe(201);

    const outsiderUpload = await upload(outsider.token, ticketId, {
      filename: 'x.txt',
      bytes: Buffer.from('x'),
    });
    expect(outsiderUpload.status).toBe(404);
    expect((await reply(outsider.token, ticketId, [mine.body.id])).status).toBe(404);

    for (const token of [colleague.token, admin]) {
      const res = await reply(token, ticketId, [mine.body.id]);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(
        `attachmentIds: ${mine.body.id} is not one of your unsent uploads on this ticket`,
      );
    }
    // Still unsent: its owner can send it.
    expect((await reply(member.token, ticketId, [mine.body.id])).status).toBe(201);
  });

  it('a reply with attachments on a ticket that is not email is refused, not sent without them', async () => {
    const api = await t.createApiAccount({ teamId });
    const inbound = await t.inbound(api, {
      externalId: `api-${randomUUID()}`,
      from: { handle: 'bot-user-1' },
      text: 'hello from the app',
    });
    const ticketId = inbound.body.ticketId;
    const file = await upload(member.token, ticketId, {
      filename: 'a.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('for the app'),
    });
    expect(file.status).toBe(201);
    const res = await reply(member.token, ticketId, [file.body.id]);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'attachmentIds: attachments can be sent by email only; this reply goes by api',
    );
    expect(
      await t.db.query(`SELECT 1 FROM messages WHERE ticket_id = $1 AND direction = 'out'`, [ticketId]),
    ).toHaveLength(0);
  });

  it('a file gone from storage at send time fails the reply visibly instead of sending it without the file', async () => {
    const { ticketId, customer } = await ticketFromCustomer('Lost file');
    const file = await upload(member.token, ticketId, {
      filename: 'contract.pdf',
      contentType: 'application/pdf',
      bytes: pdf(),
    });
    const row = await t.db.one<{ storage_key: string }>(
      `SELECT storage_key FROM outbound_attachments WHERE id = $1`,
      [file.body.id],
    );
    unlinkSync(join(dataDir, row!.storage_key));

    const sent = await reply(member.token, ticketId, [file.body.id]);
    expect(sent.status).toBe(201);
    await waitFor(
      async () => (await messageRow(sent.body.id))?.delivery_state === 'failed',
      15_000,
      'the reply marked failed',
    );
    const shown = await timelineMessage(member.token, ticketId, sent.body.id);
    expect(shown.deliveryState).toBe('failed');
    expect(shown.deliveryError).toBe(
      'the attachment "contract.pdf" is missing from storage; the message was not sent',
    );
    expect(sink.received.some((m) => m.to.includes(customer))).toBe(false);
  });

  it('uploads no reply used are deleted after the retention time, files included; sent ones stay', async () => {
    const { ticketId } = await ticketFromCustomer('Clean-up');
    const abandoned = await upload(member.token, ticketId, {
      filename: 'draft.pdf',
      contentType: 'application/pdf',
      bytes: pdf(),
    });
    const fresh = await upload(member.token, ticketId, {
      filename: 'fresh.pdf',
      contentType: 'application/pdf',
      bytes: pdf(),
    });
    const used = await upload(member.token, ticketId, {
      filename: 'sent.pdf',
      contentType: 'application/pdf',
      bytes: pdf(),
    });
    expect((await reply(member.token, ticketId, [used.body.id])).status).toBe(201);
    const keyOf = async (id: string) =>
      (
        await t.db.one<{ storage_key: string }>(
          `SELECT storage_key FROM outbound_attachments WHERE id = $1`,
          [id],
        )
      )?.storage_key;
    const [abandonedKey, freshKey, usedKey] = [
      await keyOf(abandoned.body.id),
      await keyOf(fresh.body.id),
      await keyOf(used.body.id),
    ];
    // Two days pass for the draft and the sent file; the fresh one was just uploaded.
    await t.db.query(
      `UPDATE outbound_attachments SET created_at = now() - interval '48 hours' WHERE id = ANY($1::uuid[])`,
      [[abandoned.body.id, used.body.id]],
    );

    expect(await t.app.get(TicketAttachments).deleteAbandoned(24)).toBe(1);
    expect(await keyOf(abandoned.body.id)).toBeUndefined();
    expect(existsSync(join(dataDir, abandonedKey!))).toBe(false);
    for (const key of [freshKey!, usedKey!]) expect(existsSync(join(dataDir, key))).toBe(true);
    // The deleted upload can no longer go out; the fresh one still can.
    expect((await reply(member.token, ticketId, [abandoned.body.id])).status).toBe(400);
    expect((await reply(member.token, ticketId, [fresh.body.id])).status).toBe(201);
  });

  it('a send the mail server defers is retried with the same Message-ID and the same files', async () => {
    const { ticketId, customer } = await ticketFromCustomer('Deferred');
    const quote = pdf();
    const file = await upload(member.token, ticketId, {
      filename: 'quote.pdf',
      contentType: 'application/pdf',
      bytes: quote,
    });
    sink.reject = { code: 451, message: '4.3.0 try again later' };
    const sent = await reply(member.token, ticketId, [file.body.id]);
    try {
      await waitFor(
        async () => (await messageRow(sent.body.id))?.delivery_error?.includes('retrying'),
        15_000,
        'the first attempt deferred',
      );
    } finally {
      sink.reject = null;
    }
    const received = await waitFor(
      () => sink.received.find((m) => m.to.includes(customer)),
      30_000,
      'the retried reply at the SMTP sink',
    );
    expect(received.parsed.messageId).toBe(buildMessageId(sent.body.id, 'support.test'));
    expect(received.parsed.attachments[0].content.equals(quote)).toBe(true);
    const row = await waitFor(
      async () => {
        const r = await messageRow(sent.body.id);
        return r?.delivery_state === 'sent' ? r : null;
      },
      10_000,
      'the reply marked sent',
    );
    expect(row.external_id).toBe(received.parsed.messageId);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}
