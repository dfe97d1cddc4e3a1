import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  createChatAccount,
  SITE,
  visitor,
  type Visitor,
} from '../../test-support/widget-test-helpers.js';

describe('erasing a chat visitor (real PostgreSQL, widget sockets, data directory)', () => {
  let t: TestApp;
  let dataDir: string;
  let admin: string;
  let accountId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-chat-erasure-'));
    t = await startTestApp({ dataDir });
    admin = await t.adminToken();
    accountId = await createChatAccount(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function chatWithFile(v: Visitor, text: string, filename: string, bytes: Buffer) {
    const upload = await t.request('POST', `/api/widget/${accountId}/attachments`, {
      raw: JSON.stringify({
        token: v.token,
        filename,
        contentType: 'image/png',
        data: bytes.toString('base64'),
      }),
      headers: { origin: SITE, 'content-type': 'text/plain' },
    });
    expect(upload.status).toBe(201);
    const ack = await v.emit('message.send', { text, clientId: clientId(), attachmentIds: [upload.body.id] });
    expect(ack.ok).toBe(true);
    return ack.ticketId as string;
  }

  const storageKeyOf = async (ticketId: string) =>
    (await t.db.one<{ storage_key: string }>(
      `SELECT storage_key FROM widget_attachments WHERE ticket_id = $1`,
      [ticketId],
    ))!.storage_key;

  const satisfaction = async () => {
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    const res = await t.request('GET', `/api/reports/satisfaction?from=${from}&to=${to}&groupBy=channel`, {
      token: admin,
    });
    expect(res.status).toBe(200);
    const { range: _range, generatedAt: _at, ...report } = res.body;
    return report;
  };

  it('their chat files, words, survey comment and visitor details go; the score still counts', async () => {
    const photo = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('penguin-photo-bytes')]);
    const v = await visitor(
      t,
      accountId,
      { name: 'Ottoline Pennywhistle', email: 'ottoline@visitor.test' },
      sockets,
    );
    const ticketId = await chatWithFile(
      v,
      'My penguin Archibald swallowed a thimble',
      'archibald.png',
      photo,
    );
    const other = await visitor(
      t,
      accountId,
      { name: 'Barnaby Keel', email: 'barnaby@visitor.test' },
      sockets,
    );
    const otherTicket = await chatWithFile(
      other,
      'Parcel never arrived',
      'parcel.png',
      Buffer.from('89504e470d0a1a0aparcel'),
    );

    const solved = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
    await waitFor(
      () => v.events.find((e) => e.name === 'conversation.status' && e.payload.status === 'solved'),
      5000,
      'solved status at the visitor',
    );
    expect(
      await v.emit('csat', { ticketId, score: 4, comment: 'Archibald thanks the thimble squad' }),
    ).toEqual({
      ok: true,
    });
    const ownFile = join(dataDir, await storageKeyOf(ticketId));
    const otherFile = join(dataDir, await storageKeyOf(otherTicket));
    expect(existsSync(ownFile)).toBe(true);
    const before = await satisfaction();
    expect(before.csat).toMatchObject({ answered: 1, satisfiedShare: 1 });
    const { contact_id: contactId } = (await t.db.one<{ contact_id: string }>(
      `SELECT contact_id FROM tickets WHERE id = $1`,
      [ticketId],
    ))!;

    const erased = await t.request('DELETE', `/api/contacts/${contactId}?erase=true`, { token: admin });
    expect(erased.status).toBe(200);

    expect(existsSync(ownFile)).toBe(false);
    expect(existsSync(otherFile)).toBe(true);
    expect(await satisfaction()).toEqual(before);
    expect(
      await t.db.one(`SELECT score, comment FROM survey_responses WHERE ticket_id = $1`, [ticketId]),
    ).toEqual({ score: 4, comment: null });
    for (const q of ['Pennywhistle', 'ottoline', 'Archibald'])
      expect((await t.request('GET', `/api/tickets?q=${q}`, { token: admin })).body.items).toEqual([]);
    expect((await t.request('GET', '/api/contacts?q=ottoline', { token: admin })).body.items).toEqual([]);
    const dump = execFileSync('pg_dump', ['--data-only', t.config.databaseUrl!], {
      maxBuffer: 256 * 1024 * 1024,
    }).toString('utf8');
    for (const trace of ['Pennywhistle', 'ottoline', 'Archibald', 'thimble'])
      expect({ trace, found: dump.toLowerCase().includes(trace.toLowerCase()) }).toEqual({
        trace,
        found: false,
      });
    expect(dump).toContain('Barnaby Keel');

    // The visitor's browser no longer shows the erased conversation.
    const loaded = await v.emit('conversation.load', {});
    expect(loaded.ok).toBe(true);
    expect(JSON.stringify(loaded)).not.toMatch(/Archibald|thimble/);
  });
});
