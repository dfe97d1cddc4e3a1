import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { recordEvents, waitFor, type TestApp } from '../../test-support/test-app.js';
import { readZip } from './zip-reader.js';

const SUPPORT: MailUser = { user: 'privacy@support.test', password: 'privacy-pw' };

jest.setTimeout(180_000);

/** Every file under the data directory, relative to it (the secrets key and the database aside). */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path)];
  });
}

/** What the person would search for: their name, each address, and words only they wrote. */
const ZEB = {
  name: 'Zebulon Quartzfield',
  email: 'zebulon.quartzfield@customer.test',
  phone: '+15550107788',
  subject: 'Invoice for the flamingo sculpture',
  words: 'My loyalty number is Xylophonic-7731 and I live on Marzipan Lane',
};
/** Full-text search: their name, part of their address, their phone typed with spaces, their words. */
const FULL_TEXT_QUERIES = [
  'Quartzfield',
  'zebulon.quartz',
  '555 010 7788',
  'Xylophonic',
  'flamingo sculpture',
];
const CONTROL = {
  name: 'Clementine Oakhurst',
  email: 'clementine@customer.test',
  subject: 'Broken teapot lid',
};

describe('a contact is exported and erased on request (real PostgreSQL, Dovecot, data directory)', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let dovecot: DovecotServer;
  let dataDir: string;
  let admin: string;
  let supervisor: string;
  let agent: string;
  let accountId: string;
  let zebContactId: string;
  let zebTicketId: string;
  let controlContactId: string;
  const invoicePdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4000), Buffer.from('\n%%EOF\n')]);
  const controlPhoto = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(1500)]);
  /** The shop's own catalogue, which both customers send back: stored once, by its bytes. */
  const catalogue = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2500), Buffer.from('\n%%EOF\n')]);
  const catalogueKey = () => {
    const sha = createHash('sha256').update(catalogue).digest('hex');
    return `email-files/${sha.slice(0, 2)}/${sha}`;
  };
  /** A file the agent attached to the reply. */
  const quote = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1800), Buffer.from('\n%%EOF\n')]);

  async function customerMails(opts: {
    from: string;
    subject: string;
    text: string;
    attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
  }): Promise<{ ticketId: string; contactId: string }> {
    const messageId = `<${randomBytes(6).toString('hex')}@customer.test>`;
    await dovecot.append(SUPPORT, mail({ to: SUPPORT.user, messageId, ...opts }));
    return waitFor(
      () =>
        t.db.one<{ ticketId: string; contactId: string }>(
          `SELECT m.ticket_id AS "ticketId", t.contact_id AS "contactId"
             FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.channel_account_id = $1 AND m.external_id = $2`,
          [accountId, messageId],
        ),
      30_000,
      `mail ${messageId} to become a ticket`,
    );
  }

  const withoutPresence = (summary: { agents: Array<Record<string, unknown>> }) => ({
    ...summary,
    agents: summary.agents.map(({ online: _online, ...agent }) => agent),
  });

  /** The reports over one fixed window (their own times aside), so two readings compare as equal. */
  const reports = async () => {
    const range = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;
    const get = async (path: string) => {
      const res = await t.request('GET', path, { token: admin });
      expect(res.status).toBe(200);
      const { range: _range, generatedAt: _at, ...report } = res.body;
      return report;
    };
    return {
      volume: await get(`/api/reports/volume?${range}`),
      sla: await get(`/api/reports/sla?${range}&groupBy=channel`),
      responseTimes: await get(`/api/reports/response-times?${range}&groupBy=channel`),
      // Presence is not a count: an agent's socket coming and going changes it.
      summary: withoutPresence(await get('/api/sla/summary')),
    };
  };

  const ticketSearch = async (q: string) => {
    const res = await t.request('GET', `/api/tickets?q=${encodeURIComponent(q)}&limit=50`, { token: admin });
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; contact: { id: string } }>;
  };
  const fullTextSearch = async (q: string) => {
    const res = await t.request('GET', `/api/search?q=${encodeURIComponent(q)}`, { token: admin });
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ ticket: { id: string } }>).map((i) => i.ticket.id);
  };
  const contactSearch = async (q: string) => {
    const res = await t.request('GET', `/api/contacts?q=${encodeURIComponent(q)}&limit=50`, { token: admin });
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string }>;
  };

  const download = async (token: string, path: string) => {
    const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    mailApp = await startMailTestApp([SUPPORT]);
    ({ t, dovecot, dataDir } = mailApp);
    admin = await t.adminToken();
    const teamId = await t.createTeam('Privacy desk');
    supervisor = (await t.createUser({ email: 'sue@agents.test', role: 'supervisor' })).token;
    agent = (await t.createUser({ email: 'andy@agents.test', teamIds: [teamId] })).token;
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Privacy mailbox',
        teamId,
        config: { address: SUPPORT.user, imap: dovecot.imapConfig(SUPPORT), smtp: mailApp.sink.smtpConfig() },
      },
    });
    expect(res.status).toBe(201);
    accountId = res.body.id;

    ({ ticketId: zebTicketId, contactId: zebContactId } = await customerMails({
      from: `${ZEB.name} <${ZEB.email}>`,
      subject: ZEB.subject,
      text: ZEB.words,
      attachments: [
        { filename: 'invoice-zebulon.pdf', contentType: 'application/pdf', content: invoicePdf },
        { filename: 'catalogue.pdf', contentType: 'application/pdf', content: catalogue },
      ],
    }));
    ({ contactId: controlContactId } = await customerMails({
      from: `${CONTROL.name} <${CONTROL.email}>`,
      subject: CONTROL.subject,
      text: 'The lid cracked in the dishwasher.',
      attachments: [
        { filename: 'teapot.png', contentType: 'image/png', content: controlPhoto },
        { filename: 'catalogue.pdf', contentType: 'application/pdf', content: catalogue },
      ],
    }));
    // A phone number, a note about them and an agent's reply that greets them by name.
    const patched = await t.request('PATCH', `/api/contacts/${zebContactId}`, {
      token: admin,
      body: { identities: { add: [{ kind: 'phone', address: ZEB.phone }] } },
    });
    expect(patched.status).toBe(200);
    const note = await t.request('POST', `/api/contacts/${zebContactId}/notes`, {
      token: admin,
      body: { body: 'Zebulon prefers calls after Marzipan Lane office hours' },
    });
    expect(note.status).toBe(201);
    const upload = await t.request('POST', `/api/tickets/${zebTicketId}/attachments`, {
      token: admin,
      body: { filename: 'quote-zebulon.pdf', contentType: 'application/pdf', data: quote.toString('base64') },
    });
    expect(upload.status).toBe(201);
    const reply = await t.request('POST', `/api/tickets/${zebTicketId}/messages`, {
      token: admin,
      body: {
        kind: 'reply',
        body: 'Dear Zebulon Quartzfield, your flamingo invoice is attached.',
        attachmentIds: [upload.body.id],
      },
    });
    expect(reply.status).toBe(201);
  });

  afterAll(async () => {
    await mailApp?.close();
  });

  it('only supervisors and admins export, only admins erase; others get 403', async () => {
    expect((await download(agent, `/api/contacts/${zebContactId}/export`)).status).toBe(403);
    const agentErase = await t.request('DELETE', `/api/contacts/${zebContactId}?erase=true`, {
      token: agent,
    });
    expect(agentErase.status).toBe(403);
    const supervisorErase = await t.request('DELETE', `/api/contacts/${zebContactId}?erase=true`, {
      token: supervisor,
    });
    expect(supervisorErase.status).toBe(403);
    expect((await download(supervisor, `/api/contacts/${zebContactId}/export`)).status).toBe(200);
  });

  it('an unknown contact is a 404 for export and erase; an erase without erase=true is refused with the reason', async () => {
    const unknown = randomUUID();
    expect((await t.request('DELETE', `/api/contacts/${unknown}?erase=true`, { token: admin })).status).toBe(
      404,
    );
    expect((await t.request('DELETE', `/api/contacts/not-a-uuid?erase=true`, { token: admin })).status).toBe(
      404,
    );
    expect((await download(admin, `/api/contacts/${unknown}/export`)).status).toBe(404);
    const plain = await t.request('DELETE', `/api/contacts/${zebContactId}`, { token: admin });
    expect(plain.status).toBe(400);
    expect(plain.body.message).toMatch(/erase: must be true/);
  });

  it('the export archive holds their profile, messages, the attachment bytes and the original mail, and is audited', async () => {
    const res = await download(admin, `/api/contacts/${zebContactId}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const entries = await readZip(res.bytes);
    const doc = JSON.parse(entries.get('contact.json')!.toString('utf8'));
    expect(doc.contact).toMatchObject({ id: zebContactId, name: ZEB.name });
    expect(doc.identities.map((i: { address: string }) => i.address).sort()).toEqual(
      [ZEB.phone, ZEB.email].sort(),
    );
    expect(doc.notes[0].body).toContain('Marzipan Lane');
    expect(doc.tickets).toHaveLength(1);
    expect(doc.tickets[0].subject).toBe(ZEB.subject);
    const texts = doc.tickets[0].messages.map((m: { text: string }) => m.text).join('\n');
    expect(texts).toContain('Xylophonic-7731');
    expect(texts).toContain('your flamingo invoice is attached');

    const inbound = doc.tickets[0].messages.find((m: { direction: string }) => m.direction === 'in');
    const pdf = inbound.attachments.find((a: { filename: string }) => a.filename === 'invoice-zebulon.pdf');
    expect(pdf.file).toMatch(/invoice-zebulon\.pdf$/);
    expect(entries.get(pdf.file)!.equals(invoicePdf)).toBe(true);
    expect(entries.get(inbound.rawMail)!.toString('latin1')).toContain(`Subject: ${ZEB.subject}`);
    const outbound = doc.tickets[0].messages.find(
      (m: { direction: string; kind: string }) => m.direction === 'out' && m.kind === 'message',
    );
    expect(entries.get(outbound.attachments[0].file)!.equals(quote)).toBe(true);
    // Nothing of the other customer travels with it.
    expect(entries.get('contact.json')!.toString('utf8')).not.toContain(CONTROL.name);
    expect([...entries.values()].some((b) => b.equals(controlPhoto))).toBe(false);

    const audit = await t.request(
      'GET',
      `/api/admin/audit-log?action=contact.exported&target=${zebContactId}`,
      {
        token: admin,
      },
    );
    // The supervisor's export in the first test and this one.
    expect(audit.body.items).toHaveLength(2);
    expect(audit.body.items.map((i: { actorEmail: string }) => i.actorEmail).sort()).toEqual([
      'admin@test.local',
      'sue@agents.test',
    ]);
    expect(audit.body.items.every((i: { targetType: string }) => i.targetType === 'contact')).toBe(true);
  });

  it('after erasure no search finds their name, addresses or words, their files are gone, and the reports count the same', async () => {
    const filesBefore = filesUnder(dataDir).filter((f) =>
      /^(mail|email-files|uploads|attachments)\//.test(f),
    );
    const ownFiles = (
      await t.db.query<{ key: string }>(
        `SELECT meta->>'rawStorageKey' AS key FROM messages WHERE ticket_id = $1 AND meta ? 'rawStorageKey'
         UNION SELECT a->>'storageKey' FROM messages, jsonb_array_elements(meta->'attachments') a
          WHERE ticket_id = $1 AND jsonb_typeof(meta->'attachments') = 'array'`,
        [zebTicketId],
      )
    ).map((r) => r.key);
    // The .eml, the invoice, the catalogue and the agent's quote.
    expect(ownFiles.length).toBe(4);
    expect(ownFiles).toContain(catalogueKey());
    for (const key of ownFiles) expect(filesBefore).toContain(key);
    // Before: each search finds them (so "finds nothing" afterwards means something).
    for (const q of [ZEB.name, 'Quartzfield', ZEB.email, ZEB.phone, 'flamingo'])
      expect((await ticketSearch(q)).some((i) => i.id === zebTicketId)).toBe(true);
    for (const q of ['Quartzfield', ZEB.email, '5550107788'])
      expect((await contactSearch(q)).some((c) => c.id === zebContactId)).toBe(true);
    for (const q of FULL_TEXT_QUERIES) expect(await fullTextSearch(q)).toContain(zebTicketId);
    const before = await reports();
    const messagesBefore = await t.db.query(`SELECT id FROM messages WHERE ticket_id = $1`, [zebTicketId]);

    const agents = recordEvents(await t.socket(admin));
    const seqBefore = (await t.request('GET', `/api/tickets/${zebTicketId}`, { token: admin })).body.seq;
    const res = await t.request('DELETE', `/api/contacts/${zebContactId}?erase=true`, { token: admin });
    expect(res.status).toBe(200);
    // Open screens hear of it through the committed outbox, like any change to the ticket.
    const update = await waitFor(
      () =>
        agents.find(
          (e) =>
            e.name === 'ticket.updated' && e.payload.ticketId === zebTicketId && e.payload.seq > seqBefore,
        ),
      5000,
      'ticket.updated after the erasure',
    );
    expect(update.payload.changes).toMatchObject({ subject: '', contact: { id: zebContactId, name: null } });
    const timeline = await t.request('GET', `/api/tickets/${zebTicketId}/messages`, { token: admin });
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({ entry: 'event', type: 'contact_updated', data: { erased: true } }),
    );
    expect(res.body).toMatchObject({ contactId: zebContactId, tickets: 1, identities: 2 });

    for (const q of [
      ZEB.name,
      'Quartzfield',
      'Zebulon',
      ZEB.email,
      ZEB.phone,
      '5550107788',
      'flamingo',
      'Xylophonic',
      'Marzipan',
    ])
      expect(await ticketSearch(q)).toEqual([]);
    for (const q of [ZEB.name, 'Quartzfield', ZEB.email, 'zebulon', '5550107788', 'Marzipan'])
      expect(await contactSearch(q)).toEqual([]);
    for (const q of FULL_TEXT_QUERIES) expect(await fullTextSearch(q)).toEqual([]);
    // The other customer is untouched and still found.
    expect((await contactSearch('Oakhurst')).map((c) => c.id)).toEqual([controlContactId]);
    expect((await ticketSearch('teapot')).length).toBe(1);

    // Nowhere in the database: a dump of every table finds none of it.
    const dump = execFileSync('pg_dump', ['--data-only', t.config.databaseUrl!], {
      maxBuffer: 256 * 1024 * 1024,
    }).toString('utf8');
    for (const trace of [
      'Quartzfield',
      'zebulon',
      '5550107788',
      'flamingo',
      'Xylophonic',
      'Marzipan',
      'invoice-zebulon',
    ])
      expect({ trace, found: dump.toLowerCase().includes(trace.toLowerCase()) }).toEqual({
        trace,
        found: false,
      });
    expect(dump).toContain('Oakhurst');

    // Their files are gone from the data directory; the other customer's stay.
    const filesAfter = filesUnder(dataDir);
    for (const key of ownFiles.filter((k) => k !== catalogueKey())) expect(filesAfter).not.toContain(key);
    const controlFiles = filesBefore.filter((f) => !ownFiles.includes(f));
    expect(controlFiles.length).toBe(2); // the other customer's .eml and photo
    for (const key of [...controlFiles, catalogueKey()]) expect(filesAfter).toContain(key);

    // The ticket stays as an anonymous statistic: same messages, same counts in every report.
    const messagesAfter = await t.db.query(`SELECT id FROM messages WHERE ticket_id = $1`, [zebTicketId]);
    expect(messagesAfter.length).toBe(messagesBefore.length);
    expect(await reports()).toEqual(before);
    const ticket = await t.request('GET', `/api/tickets/${zebTicketId}`, { token: admin });
    expect(ticket.status).toBe(200);
    expect(ticket.body.contact).toMatchObject({ id: zebContactId, name: null, identities: [] });

    const audit = await t.request('GET', `/api/admin/audit-log?action=contact.erased`, { token: admin });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      targetType: 'contact',
      targetId: zebContactId,
      actorEmail: 'admin@test.local',
      details: { tickets: 1, identities: 2 },
    });
  });

  it('a new mail from the erased address opens a new contact and ticket, not the erased ones', async () => {
    const { ticketId, contactId } = await customerMails({
      from: `${ZEB.name} <${ZEB.email}>`,
      subject: 'Hello again',
      text: 'Writing again after the erasure.',
    });
    expect(ticketId).not.toBe(zebTicketId);
    expect(contactId).not.toBe(zebContactId);
  });
});
