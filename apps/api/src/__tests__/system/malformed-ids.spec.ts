import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * Ids from paths, sockets and cursors reach `uuid` columns: a string that merely looks like a
 * UUID (36 dashes, 36 hex digits) must be "not found" or "bad cursor", never a failed query.
 */
const NOT_UUIDS = ['-'.repeat(36), '0'.repeat(36), 'abcdefab-cdef-abcd-efab-cdefabcdef-a'];

describe('malformed ids and cursors', () => {
  let t: TestApp;
  let admin: string;
  let ticketId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const api = await t.createApiAccount();
    ticketId = (
      await t.inbound(api, { externalId: 'ids-1', from: { handle: 'ids@example.test' }, text: 'hello' })
    ).body.ticketId;
  });

  afterAll(async () => {
    await t?.close();
  });

  // Every row has a body slot (undefined when none): Jest takes a missing last argument for `done`.
  const routes: Array<[string, string, (id: string) => string, unknown]> = [
    ['ticket', 'GET', (id) => `/api/tickets/${id}`, undefined],
    ['timeline', 'GET', (id) => `/api/tickets/${id}/messages`, undefined],
    ['reply', 'POST', (id) => `/api/tickets/${id}/messages`, { kind: 'reply', body: 'hi' }],
    ['ticket edit', 'PATCH', (id) => `/api/tickets/${id}`, { priority: 'high' }],
    ['hold', 'POST', (id) => `/api/tickets/${id}/hold`, { why: 'waiting', done: 'asked', next: 'wait' }],
    ['resume', 'POST', (id) => `/api/tickets/${id}/resume`, undefined],
    ['handoff acknowledgement', 'POST', (id) => `/api/tickets/${id}/handoff/ack`, undefined],
    ['upload', 'POST', (id) => `/api/tickets/${id}/attachments`, { filename: 'a.txt', data: 'aGk=' }],
    ['retry of a message', 'POST', (id) => `/api/tickets/${ticketId}/messages/${id}/retry`, undefined],
    ['contact', 'GET', (id) => `/api/contacts/${id}`, undefined],
    ['widget attachment', 'GET', (id) => `/api/widget/attachments/${id}/some-access-key`, undefined],
  ];

  it.each(routes)(
    'the %s route answers 404 to an id that only looks like a UUID',
    async (_, method, path, body) => {
      for (const id of NOT_UUIDS) {
        const res = await t.request(method, path(id), {
          token: admin,
          ...(body !== undefined ? { body } : {}),
        });
        expect({ id, status: res.status }).toEqual({ id, status: 404 });
      }
    },
  );

  it('a malformed list cursor is a 400 naming the cursor', async () => {
    const cursors = [
      Buffer.from(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`).toString('base64url'),
      Buffer.from(`not a date|${ticketId}`).toString('base64url'),
      Buffer.from(`+275760-09-13T00:00:00.000Z|${ticketId}`).toString('base64url'),
      'garbage',
    ];
    for (const cursor of cursors) {
      const res = await t.request('GET', `/api/tickets?cursor=${encodeURIComponent(cursor)}`, {
        token: admin,
      });
      expect({ cursor, status: res.status }).toEqual({ cursor, status: 400 });
      expect(res.body.message).toContain('cursor:');
    }
  });

  it('a cursor the list handed out still pages', async () => {
    const api = await t.createApiAccount();
    for (const n of [2, 3])
      await t.inbound(api, {
        externalId: `ids-${n}`,
        from: { handle: `ids-${n}@example.test` },
        text: 'hello',
      });
    const first = await t.request('GET', '/api/tickets?limit=2', { token: admin });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.request('GET', `/api/tickets?limit=2&cursor=${first.body.nextCursor}`, {
      token: admin,
    });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
  });

  it('viewing a ticket over the socket with such an id is an error ack and the socket keeps working', async () => {
    const socket = await t.socket(admin);
    for (const ticketId of NOT_UUIDS)
      expect(await socket.timeout(5000).emitWithAck('ticket.view', { ticketId })).toEqual({
        ok: false,
        error: 'not found',
      });
    expect(await socket.timeout(5000).emitWithAck('ticket.view', { ticketId })).toEqual({ ok: true });
    expect(socket.connected).toBe(true);
  });
});
