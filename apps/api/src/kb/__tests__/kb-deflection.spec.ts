import type { Socket } from 'socket.io-client';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import { clientId, createChatAccount, visitor } from '../../test-support/widget-test-helpers.js';

/**
 * Self-service measured from the widget's reports: suggestions shown, articles opened, and
 * whether the visitor then started a conversation. One who did gets a ticket whose handoff
 * note lists what they read.
 */
describe('knowledge base deflection', () => {
  let t: TestApp;
  let admin: string;
  let accountId: string;
  const sockets: Socket[] = [];
  let returns: string;
  let shipping: string;

  const publish = async (title: string, body: string) => {
    const res = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title, body, locale: 'en', status: 'published' },
    });
    return res.body.id as string;
  };
  const report = async () => (await t.request('GET', '/api/kb/deflection?days=1', { token: admin })).body;
  const event = (token: string, type: string, articleIds: string[]) =>
    t.request('POST', '/api/public/kb/events', {
      raw: JSON.stringify({ accountId, token, type, articleIds }),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    accountId = await createChatAccount(t);
    returns = await publish('Returning a parcel', 'Print the label and drop the parcel at the post office.');
    shipping = await publish('Shipping times', 'Parcels arrive within three days.');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('a visitor who opens an article and leaves counts as deflected', async () => {
    const v = await visitor(t, accountId, {}, sockets);
    expect((await event(v.token, 'shown', [returns, shipping])).body).toEqual({ recorded: 2 });
    expect((await event(v.token, 'opened', [returns])).status).toBe(200);
    expect(await report()).toMatchObject({
      suggestionsShown: 2,
      articlesOpened: 1,
      deflected: 1,
      escalated: 0,
    });
  });

  it('asking a human after reading opens a ticket whose handoff note lists the articles read', async () => {
    const v = await visitor(t, accountId, {}, sockets);
    await event(v.token, 'shown', [returns, shipping]);
    await event(v.token, 'opened', [shipping]);
    await event(v.token, 'opened', [returns]);
    const ack = await v.emit('message.send', {
      text: 'My parcel never arrived, I want a human',
      clientId: clientId(),
    });
    expect(ack.ok).toBe(true);
    const note = await waitFor(
      async () => {
        const items = (await t.request('GET', `/api/tickets/${ack.ticketId}/messages`, { token: admin })).body
          .items;
        return items.find((i: any) => i.kind === 'transfer_note');
      },
      10_000,
      'handoff note with the articles read',
    );
    expect(note.text).toContain('Shipping times (/help/en/articles/shipping-times)');
    expect(note.text).toContain('Returning a parcel (/help/en/articles/returning-a-parcel)');
    // The first visitor is still deflected; this one escalated.
    expect(await report()).toMatchObject({
      suggestionsShown: 4,
      articlesOpened: 3,
      deflected: 1,
      escalated: 1,
    });
  });

  it('refuses unknown visitors, bad input and agents reading the metrics', async () => {
    expect((await event('wvt_not-a-token', 'opened', [returns])).status).toBe(404);
    expect((await event('x', 'clicked', [returns])).status).toBe(400);
    const agent = await t.createUser({ email: 'ana@test.local' });
    expect((await t.request('GET', '/api/kb/deflection', { token: agent.token })).status).toBe(403);
    expect((await t.request('GET', '/api/kb/deflection?days=0', { token: admin })).status).toBe(400);
  });
});
