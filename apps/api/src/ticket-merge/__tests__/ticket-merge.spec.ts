import { jest } from '@jest/globals';
import { deriveClockState, type ClockEntry } from '@switchboard/domain';
import type { Socket } from 'socket.io-client';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { recordEvents, waitFor, type TestApp } from '../../test-support/test-app.js';
import { clientId, createChatAccount, visitor } from '../../test-support/widget-test-helpers.js';

const SUPPORT: MailUser = { user: 'help@merge.test', password: 'help-pw' };
const TARGETS = { firstResponseSeconds: 3600, nextResponseSeconds: 1800, resolutionSeconds: 86_400 };

jest.setTimeout(120_000);

/**
 * Merging tickets of one customer (an email and a chat about the same order) into one, the
 * customer's replies to the old thread landing on the merged ticket, undo, and split — against a
 * real PostgreSQL, Dovecot and SMTP sink.
 */
describe('ticket merge and split', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let dovecot: DovecotServer;
  let admin: string;
  let agent: { id: string; token: string };
  let outsider: { id: string; token: string };
  let emailAccount: string;
  let chatAccount: string;
  let api: { id: string; apiKey: string };
  let otherTeamApi: { id: string; apiKey: string };
  const sockets: Socket[] = [];

  /** Requests as one user; merge and split name their tickets the way the routes do. */
  const as = (token: string) => {
    const get = (path: string) => t.request('GET', path, { token });
    const post = (path: string, body?: unknown) => t.request('POST', path, { token, body: body ?? {} });
    return {
      get,
      post,
      merge: (sourceId: string, intoTicketId: string) =>
        post(`/api/tickets/${sourceId}/merge`, { intoTicketId }),
      undoMerge: (sourceId: string) => post(`/api/tickets/${sourceId}/merge/undo`),
      mergePreview: (sourceId: string, intoTicketId: string) =>
        get(`/api/tickets/${sourceId}/merge-preview?intoTicketId=${intoTicketId}`),
      split: (ticketId: string, messageIds: string[]) =>
        post(`/api/tickets/${ticketId}/split`, { messageIds }),
    };
  };
  const timeline = async (ticketId: string) =>
    (await as(admin).get(`/api/tickets/${ticketId}/messages`)).body.items as Array<{
      id: string;
      entry: 'message' | 'event';
      kind?: string;
      type?: string;
      text?: string;
      createdAt: string;
    }>;
  const messageIds = async (ticketId: string) =>
    (await timeline(ticketId)).filter((i) => i.entry === 'message').map((i) => i.id);
  const ticket = async (ticketId: string) => (await as(admin).get(`/api/tickets/${ticketId}`)).body;
  const ledger = async (ticketId: string): Promise<ClockEntry[]> =>
    (
      await t.db.query<ClockEntry>(
        `SELECT metric, action, reason, at FROM sla_clock_entries WHERE ticket_id = $1 ORDER BY id`,
        [ticketId],
      )
    ).map((e) => ({ ...e, at: new Date(e.at) }));
  const mailTicket = (externalId: string) =>
    waitFor(
      () =>
        t.db.one<{ ticket_id: string }>(
          `SELECT ticket_id FROM messages WHERE channel_account_id = $1 AND external_id = $2`,
          [emailAccount, externalId],
        ),
      30_000,
      `mail ${externalId} to be stored`,
    );
  const apiTicket = async (
    account: { id: string; apiKey: string },
    body: { externalId: string; handle: string; text: string; threadKey?: string },
  ) => {
    const res = await t.inbound(account, {
      externalId: body.externalId,
      from: { handle: body.handle },
      text: body.text,
      threadKey: body.threadKey,
    });
    expect(res.status).toBeLessThan(300);
    return res.body as { ticketId: string; messageId: string };
  };

  beforeAll(async () => {
    mailApp = await startMailTestApp([SUPPORT]);
    ({ t, dovecot } = mailApp);
    admin = await t.adminToken();
    const team = await t.createTeam('Orders');
    const otherTeam = await t.createTeam('Billing');
    agent = await t.createUser({ email: 'ana@merge.test', teamIds: [team] });
    outsider = await t.createUser({ email: 'olaf@merge.test', teamIds: [otherTeam] });
    const email = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Help',
        teamId: team,
        config: { address: SUPPORT.user, imap: dovecot.imapConfig(SUPPORT), smtp: mailApp.sink.smtpConfig() },
      },
    });
    expect(email.status).toBe(201);
    emailAccount = email.body.id;
    chatAccount = await createChatAccount(t, {}, team);
    api = await t.createApiAccount({ teamId: team });
    otherTeamApi = await t.createApiAccount({ teamId: otherTeam });
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: { name: 'Orders', order: 1, conditions: { teamIds: [team] }, targets: TARGETS, atRiskShare: 0.8 },
    });
    expect(policy.status).toBe(201);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await mailApp?.close();
  });

  it('an email and a chat of one customer become one ticket; replies to the old thread land on it; undo restores both', async () => {
    // The customer mails, an agent notes and answers; then they open the chat about the same order.
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'Carol <carol@customer.test>',
        to: SUPPORT.user,
        subject: 'Order 17 is late',
        text: 'Where is order 17?',
        messageId: '<order17@customer.test>',
      }),
    );
    const emailTicket = (await mailTicket('<order17@customer.test>')).ticket_id;
    expect(
      (
        await as(agent.token).post(`/api/tickets/${emailTicket}/messages`, {
          kind: 'note',
          body: 'Checking the carrier',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await as(agent.token).post(`/api/tickets/${emailTicket}/messages`, {
          kind: 'reply',
          body: 'Looking into it.',
        })
      ).status,
    ).toBe(201);
    const carol = await visitor(t, chatAccount, { name: 'Carol' }, sockets);
    const sent = await carol.emit<{ ok: boolean; ticketId: string }>('message.send', {
      text: 'Any news on order 17?',
      clientId: clientId(),
    });
    expect(sent.ok).toBe(true);
    const chatTicket = sent.ticketId;
    expect(
      (
        await as(agent.token).post(`/api/tickets/${chatTicket}/messages`, {
          kind: 'note',
          body: 'Same person as the email',
        })
      ).status,
    ).toBe(201);
    // The chat visitor is the same Carol: a supervisor links the two contacts.
    const merged = await as(admin).post(`/api/contacts/${(await ticket(chatTicket)).contact.id}/merge`, {
      otherContactId: (await ticket(emailTicket)).contact.id,
    });
    expect(merged.status).toBe(200);

    const before = {
      email: await timeline(emailTicket),
      chat: await timeline(chatTicket),
      emailTicket: await ticket(emailTicket),
      ledgers: [...(await ledger(emailTicket)), ...(await ledger(chatTicket))],
    };
    const preview = await as(agent.token).mergePreview(emailTicket, chatTicket);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ messages: 2, notes: 1, attachments: 0 });
    expect(preview.body.contacts).toHaveLength(1);

    const watcher = recordEvents(await t.socket(agent.token));
    const res = await as(agent.token).merge(emailTicket, chatTicket);
    expect(res.status).toBe(200);
    expect(res.body.source).toMatchObject({ id: emailTicket, status: 'closed' });

    // Every message, note and event of both, on the target, in time order.
    const after = await timeline(chatTicket);
    const all = [...before.email, ...before.chat];
    for (const item of all) expect(after.map((i) => i.id)).toContain(item.id);
    const times = after.map((i) => i.createdAt);
    expect([...times].sort()).toEqual(times);
    expect(after.filter((i) => i.entry === 'message').map((i) => i.text)).toEqual([
      'Where is order 17?',
      'Checking the carrier',
      'Looking into it.',
      'Any news on order 17?',
      'Same person as the email',
    ]);
    // Both show the link; both tickets' viewers heard it live.
    const sourceLinks = (await as(agent.token).get(`/api/tickets/${emailTicket}/links`)).body;
    const targetLinks = (await as(agent.token).get(`/api/tickets/${chatTicket}/links`)).body;
    expect(sourceLinks.mergedInto).toMatchObject({
      id: chatTicket,
      number: (await ticket(chatTicket)).number,
    });
    expect(targetLinks.mergedFrom).toEqual([
      expect.objectContaining({ id: emailTicket, number: before.emailTicket.number }),
    ]);
    await waitFor(
      () =>
        [emailTicket, chatTicket].every((id) =>
          watcher.some((e) => e.name === 'ticket.timeline_moved' && e.payload.ticketId === id),
        ),
      5000,
      'both tickets to announce the merge',
    );

    // SLA due times of the target equal a fresh recomputation over both tickets' ledgers.
    const fresh = deriveClockState({ targets: TARGETS, atRiskShare: 0.8 }, null, before.ledgers, new Date());
    const sla = (await ticket(chatTicket)).sla;
    expect(sla.firstResponseDueAt).toBe(fresh.first_response.dueAt?.toISOString() ?? null);
    expect(sla.nextResponseDueAt).toBe(fresh.next_response.dueAt?.toISOString() ?? null);
    expect(sla.resolutionDueAt).toBe(fresh.resolution.dueAt?.toISOString() ?? null);
    // The resolution clock keeps the customer's oldest wait: the email's.
    expect(sla.resolutionDueAt).toBe(before.emailTicket.sla.resolutionDueAt);

    // Merging into itself, or into the ticket that was merged away, is a conflict.
    expect((await as(agent.token).merge(chatTicket, chatTicket)).status).toBe(409);
    const third = await apiTicket(api, { externalId: 'third-1', handle: 'third@customer.test', text: 'hi' });
    expect((await as(agent.token).merge(third.ticketId, emailTicket)).status).toBe(409);
    expect((await as(agent.token).merge(emailTicket, third.ticketId)).status).toBe(409);

    // Carol answers the old email thread, and once more naming only the old ticket number: both land on the target.
    // A mail is placed by its Date header, which counts whole seconds: each one is sent a second
    // after what came before, so the timeline's order is the order things happened.
    const nextSecond = () => new Promise((r) => setTimeout(r, 1100));
    await nextSecond();
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'Carol <carol@customer.test>',
        to: SUPPORT.user,
        subject: 'Re: Order 17 is late',
        text: 'Still nothing.',
        messageId: '<order17-reply@customer.test>',
        inReplyTo: '<order17@customer.test>',
        references: '<order17@customer.test>',
      }),
    );
    expect((await mailTicket('<order17-reply@customer.test>')).ticket_id).toBe(chatTicket);
    await nextSecond();
    await dovecot.append(
      SUPPORT,
      mail({
        from: 'Carol <carol@customer.test>',
        to: SUPPORT.user,
        subject: `Order 17 [#${before.emailTicket.number}]`,
        text: 'Hello?',
        messageId: '<order17-token@customer.test>',
      }),
    );
    expect((await mailTicket('<order17-token@customer.test>')).ticket_id).toBe(chatTicket);

    // Undo: the email ticket is back as it was, the chat keeps only its own and what came since.
    const undo = await as(agent.token).undoMerge(emailTicket);
    expect(undo.status).toBe(200);
    const restored = await ticket(emailTicket);
    expect(restored.status).toBe(before.emailTicket.status);
    expect(restored.sla).toEqual(before.emailTicket.sla);
    expect(await messageIds(emailTicket)).toEqual(
      before.email.filter((i) => i.entry === 'message').map((i) => i.id),
    );
    expect((await timeline(chatTicket)).filter((i) => i.entry === 'message').map((i) => i.text)).toEqual([
      'Any news on order 17?',
      'Same person as the email',
      'Still nothing.',
      'Hello?',
    ]);
    expect((await as(agent.token).get(`/api/tickets/${emailTicket}/links`)).body.mergedInto).toBeNull();
    expect((await as(agent.token).get(`/api/tickets/${chatTicket}/links`)).body.mergedFrom).toEqual([]);
    expect((await as(agent.token).undoMerge(emailTicket)).status).toBe(409);
  });

  it('a merge cannot be undone after 10 minutes', async () => {
    const a = await apiTicket(api, {
      externalId: 'late-1',
      handle: 'late@customer.test',
      text: 'one',
      threadKey: 'late-a',
    });
    const b = await apiTicket(api, {
      externalId: 'late-2',
      handle: 'late@customer.test',
      text: 'two',
      threadKey: 'late-b',
    });
    expect((await as(agent.token).merge(a.ticketId, b.ticketId)).status).toBe(200);
    await t.db.query(
      `UPDATE ticket_merges SET created_at = now() - interval '11 minutes' WHERE source_ticket_id = $1`,
      [a.ticketId],
    );
    const res = await as(agent.token).undoMerge(a.ticketId);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/10 minutes/);
  });

  it('undo puts a held ticket back on hold until the time it had, so it still comes back by itself', async () => {
    const held = await apiTicket(api, {
      externalId: 'held-1',
      handle: 'held@customer.test',
      text: 'Waiting for a part',
      threadKey: 'held-a',
    });
    const other = await apiTicket(api, {
      externalId: 'held-2',
      handle: 'held@customer.test',
      text: 'Also about the part',
      threadKey: 'held-b',
    });
    const until = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const hold = await as(agent.token).post(`/api/tickets/${held.ticketId}/hold`, {
      why: 'Waiting for the supplier',
      done: 'Ordered the part',
      next: 'Ship it',
      until,
    });
    expect(hold.status).toBe(200);
    expect((await as(agent.token).merge(held.ticketId, other.ticketId)).status).toBe(200);
    expect((await as(agent.token).undoMerge(held.ticketId)).status).toBe(200);
    const restored = await ticket(held.ticketId);
    expect({ status: restored.status, holdUntil: restored.holdUntil }).toEqual({
      status: 'on_hold',
      holdUntil: until,
    });
  });

  it("tickets of different contacts: the source's contact takes part in the target and their replies land there", async () => {
    const dan = await apiTicket(api, {
      externalId: 'dan-1',
      handle: 'dan@customer.test',
      text: 'Invoice wrong',
      threadKey: 'dan-thread',
    });
    const eve = await apiTicket(api, {
      externalId: 'eve-1',
      handle: 'eve@customer.test',
      text: 'Our invoice is wrong too',
      threadKey: 'eve-thread',
    });
    const preview = await as(agent.token).mergePreview(dan.ticketId, eve.ticketId);
    expect(preview.body.contacts).toEqual([
      expect.objectContaining({ becomesParticipant: false }),
      expect.objectContaining({ becomesParticipant: true }),
    ]);
    expect((await as(agent.token).merge(dan.ticketId, eve.ticketId)).status).toBe(200);
    const reply = await apiTicket(api, {
      externalId: 'dan-2',
      handle: 'dan@customer.test',
      text: 'Any update?',
      threadKey: 'dan-thread',
    });
    expect(reply.ticketId).toBe(eve.ticketId);
  });

  it('merging with a ticket the agent cannot see is a 404, either way round', async () => {
    const mine = await apiTicket(api, { externalId: 'mine-1', handle: 'fay@customer.test', text: 'mine' });
    const theirs = await apiTicket(otherTeamApi, {
      externalId: 'theirs-1',
      handle: 'fay@customer.test',
      text: 'theirs',
    });
    expect((await as(agent.token).merge(mine.ticketId, theirs.ticketId)).status).toBe(404);
    expect((await as(agent.token).merge(theirs.ticketId, mine.ticketId)).status).toBe(404);
    expect((await as(outsider.token).merge(theirs.ticketId, mine.ticketId)).status).toBe(404);
    expect((await as(agent.token).mergePreview(mine.ticketId, theirs.ticketId)).status).toBe(404);
    expect(
      (await t.db.one<{ status: string }>(`SELECT status FROM tickets WHERE id = $1`, [theirs.ticketId]))!
        .status,
    ).toBe('new');
    const bad = await as(agent.token).merge(mine.ticketId, 'nope');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/intoTicketId/);
  });

  it('split moves the chosen customer messages into a new ticket, linked both ways', async () => {
    const first = await apiTicket(api, {
      externalId: 'gil-1',
      handle: 'gil@customer.test',
      text: 'My login fails',
      threadKey: 'gil',
    });
    const second = await apiTicket(api, {
      externalId: 'gil-2',
      handle: 'gil@customer.test',
      text: 'Also: can I change my plan?',
      threadKey: 'gil',
    });
    const third = await apiTicket(api, {
      externalId: 'gil-3',
      handle: 'gil@customer.test',
      text: 'To the yearly one',
      threadKey: 'gil',
    });
    expect(new Set([first.ticketId, second.ticketId, third.ticketId]).size).toBe(1);
    const note = await as(agent.token).post(`/api/tickets/${first.ticketId}/messages`, {
      kind: 'note',
      body: 'two topics',
    });
    const refused = await as(agent.token).split(first.ticketId, [note.body.id]);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/messageIds/);

    const res = await as(agent.token).split(first.ticketId, [second.messageId, third.messageId]);
    expect(res.status).toBe(201);
    const created = res.body.target.id as string;
    expect(res.body.target.subject).toBe('Also: can I change my plan?');
    expect(await messageIds(created)).toEqual([second.messageId, third.messageId]);
    expect(await messageIds(first.ticketId)).toEqual([first.messageId, note.body.id]);
    expect((await as(agent.token).get(`/api/tickets/${created}/links`)).body.splitFrom).toMatchObject({
      id: first.ticketId,
    });
    expect((await as(agent.token).get(`/api/tickets/${first.ticketId}/links`)).body.splitInto).toEqual([
      expect.objectContaining({ id: created }),
    ]);
    expect((await ticket(created)).contact.id).toBe((await ticket(first.ticketId)).contact.id);
  });
});
