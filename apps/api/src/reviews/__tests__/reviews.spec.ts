import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  createChatAccount,
  visitor,
  type Visitor,
} from '../../test-support/widget-test-helpers.js';
import type { Socket } from 'socket.io-client';
import { TicketWriter } from '../../tickets/ticket-writer.js';

/** Learning from bad cases: flags, the review queue, coaching notes, lessons and the training export. */
describe('reviews', () => {
  let t: TestApp;
  let admin: string;
  let support: string;
  let chat: string;
  let account: { id: string; apiKey: string };
  let ana: { id: string; token: string };
  let sue: { id: string; token: string };
  let outsider: { id: string; token: string };
  const sockets: Socket[] = [];
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    support = await t.createTeam('Support');
    const other = await t.createTeam('Elsewhere');
    account = await t.createApiAccount({ teamId: support });
    chat = await createChatAccount(t, {}, support);
    ana = await t.createUser({ email: 'ana@test.local', teamIds: [support] });
    sue = await t.createUser({ email: 'sue@test.local', role: 'supervisor', teamIds: [support] });
    outsider = await t.createUser({ email: 'olga@test.local', teamIds: [other] });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  async function newTicket(text = 'my order never arrived'): Promise<string> {
    const res = await t.inbound(account, {
      externalId: `m-${++n}`,
      from: { handle: `carla.diaz${n}@example.com`, name: 'Carla Diaz' },
      text,
    });
    return res.body.ticketId;
  }
  const patch = (id: string, body: object, token = admin) =>
    t.request('PATCH', `/api/tickets/${id}`, { token, body });
  const openReviewOf = async (ticketId: string) =>
    (await t.request('GET', '/api/reviews?status=open', { token: sue.token })).body.items.find(
      (r: any) => r.ticketId === ticketId,
    );

  async function say(v: Visitor, text: string) {
    const ack = await v.emit('message.send', { text, clientId: clientId() });
    if (!ack.ok) throw new Error(`message.send refused: ${ack.error}`);
    return ack as { ok: true; ticketId: string };
  }

  it('a CSAT of 1 flags the ticket; the supervisor completes the review; the agent sees and acknowledges the note; the lessons report counts it', async () => {
    const v = await visitor(t, chat, {}, sockets);
    const { ticketId } = await say(
      v,
      'The app logs me out, my email is carla@example.com, call +49 170 1234567',
    );
    expect((await patch(ticketId, { assigneeId: ana.id })).status).toBe(200);
    expect((await patch(ticketId, { status: 'solved' }, ana.token)).status).toBe(200);
    await waitFor(
      () => v.events.find((e) => e.name === 'conversation.status' && e.payload.status === 'solved'),
      5000,
      'solved at the visitor',
    );
    expect(await v.emit('csat', { ticketId, score: 1, comment: 'still broken' })).toEqual({ ok: true });

    const review = await waitFor(() => openReviewOf(ticketId), 10_000, 'an automatic review flag');
    expect(review).toMatchObject({ status: 'open', agentId: ana.id, teamId: support, teamName: 'Support' });
    expect(review.flags).toEqual([
      expect.objectContaining({ source: 'csat_low', reason: 'CSAT 1/5', createdBy: null }),
    ]);

    // Agents see no queue and cannot complete reviews.
    expect((await t.request('GET', '/api/reviews?status=open', { token: ana.token })).status).toBe(403);
    const body = {
      categories: ['wrong_answer', 'customer_repeated'],
      whatWentWrong: 'We closed it before the fix was confirmed.',
      betterNextTime: 'Ask the customer to confirm before solving.',
      coachingNote: 'Check with the customer that the logout is gone before you solve.',
      outcome: 'coached',
    };
    expect((await t.request('POST', `/api/reviews/${review.id}`, { token: ana.token, body })).status).toBe(
      403,
    );
    const done = await t.request('POST', `/api/reviews/${review.id}`, { token: sue.token, body });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', reviewerId: sue.id, outcome: 'coached' });
    const again = await t.request('POST', `/api/reviews/${review.id}`, { token: sue.token, body });
    expect(again.status).toBe(409);
    expect(await openReviewOf(ticketId)).toBeUndefined();

    const notes = await t.request('GET', '/api/reviews/coaching', { token: ana.token });
    expect(notes.body.unacknowledged).toBe(1);
    expect(notes.body.items[0]).toMatchObject({
      reviewId: review.id,
      ticketId,
      coachingNote: body.coachingNote,
      acknowledgedAt: null,
    });
    // Nobody else acknowledges ana's note.
    expect(
      (await t.request('POST', `/api/reviews/${review.id}/acknowledge`, { token: outsider.token })).status,
    ).toBe(404);
    const ack = await t.request('POST', `/api/reviews/${review.id}/acknowledge`, { token: ana.token });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).toEqual(expect.any(String));
    expect((await t.request('GET', '/api/reviews/coaching', { token: ana.token })).body.unacknowledged).toBe(
      0,
    );

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const lessons = await t.request(
      'GET',
      `/api/reports/lessons?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { token: sue.token },
    );
    expect(lessons.status).toBe(200);
    const wrong = lessons.body.rows.find((r: any) => r.category === 'wrong_answer');
    expect(wrong).toMatchObject({ teamId: support, teamName: 'Support', count: 1 });
    expect(wrong.tickets).toEqual([expect.objectContaining({ id: ticketId, url: `/tickets/${ticketId}` })]);
    expect(lessons.body.rows.find((r: any) => r.category === 'customer_repeated').count).toBe(1);

    // The training export keeps the case and masks the customer.
    const exp = await t.request(
      'GET',
      `/api/reviews/training-export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { token: sue.token },
    );
    expect(exp.status).toBe(200);
    const item = exp.body.items.find((i: any) => i.reviewId === review.id);
    const text = JSON.stringify(item);
    expect(item.categories).toEqual(['wrong_answer', 'customer_repeated']);
    expect(item.conversation[0]).toMatchObject({
      from: 'customer',
      text: 'The app logs me out, my email is [email], call [phone]',
    });
    expect(text).not.toContain('carla@example.com');
    expect(text).not.toContain('1234567');
    expect(
      (await t.request('GET', `/api/reviews/training-export?from=${from}&to=${to}`, { token: ana.token }))
        .status,
    ).toBe(403);
  });

  it('anyone who can see the ticket flags it with a reason; others get 404; a blank reason is refused', async () => {
    const ticketId = await newTicket();
    const blank = await t.request('POST', `/api/tickets/${ticketId}/review-flags`, {
      token: ana.token,
      body: { reason: '  ' },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toContain('reason');
    const hidden = await t.request('POST', `/api/tickets/${ticketId}/review-flags`, {
      token: outsider.token,
      body: { reason: 'looks wrong' },
    });
    expect(hidden.status).toBe(404);
    const first = await t.request('POST', `/api/tickets/${ticketId}/review-flags`, {
      token: ana.token,
      body: { reason: 'I promised a refund I could not give' },
    });
    expect(first.status).toBe(201);
    const second = await t.request('POST', `/api/tickets/${ticketId}/review-flags`, {
      token: sue.token,
      body: { reason: 'tone in the second reply' },
    });
    // Both flags gather on the one open review of the ticket.
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.flags.map((f: any) => [f.source, f.reason, f.createdBy])).toEqual([
      ['manual', 'I promised a refund I could not give', ana.id],
      ['manual', 'tone in the second reply', sue.id],
    ]);
  });

  it('reopened twice and transferred three times flag once each; a disabled rule flags nothing', async () => {
    const reopened = await newTicket();
    for (let i = 0; i < 2; i++) {
      expect((await patch(reopened, { status: 'solved' })).status).toBe(200);
      expect((await patch(reopened, { status: 'open' })).status).toBe(200);
    }
    const review = await waitFor(() => openReviewOf(reopened), 10_000, 'a reopen flag');
    expect(review.flags.map((f: any) => [f.source, f.reason])).toEqual([['reopened', 'Reopened 2 times']]);

    const moved = await newTicket();
    for (const to of [ana.id, sue.id, ana.id])
      expect(
        (
          await t.request('POST', `/api/tickets/${moved}/transfer`, {
            token: admin,
            body: { toAgentId: to, note: 'Customer wants X; tried Y; next Z.' },
          })
        ).status,
      ).toBe(200);
    const moves = await waitFor(() => openReviewOf(moved), 10_000, 'a transfer flag');
    expect(moves.flags.map((f: any) => f.source)).toEqual(['transferred']);

    const settings = (await t.request('GET', '/api/admin/review-settings', { token: admin })).body;
    expect(settings.reopened).toEqual({ enabled: true, minTimes: 2 });
    const off = await t.request('PUT', '/api/admin/review-settings', {
      token: admin,
      body: { ...settings, reopened: { enabled: false, minTimes: 2 } },
    });
    expect(off.status).toBe(200);
    expect(
      (await t.request('PUT', '/api/admin/review-settings', { token: sue.token, body: settings })).status,
    ).toBe(403);
    const quiet = await newTicket();
    for (let i = 0; i < 2; i++) {
      await patch(quiet, { status: 'solved' });
      await patch(quiet, { status: 'open' });
    }
    // A later flag on another ticket proves the consumer went past the quiet one's events.
    const marker = await newTicket();
    for (const to of [ana.id, sue.id, ana.id])
      await t.request('POST', `/api/tickets/${marker}/transfer`, {
        token: admin,
        body: { toAgentId: to, note: 'Customer wants X; tried Y; next Z.' },
      });
    await waitFor(() => openReviewOf(marker), 10_000, 'the marker flag');
    expect(await openReviewOf(quiet)).toBeUndefined();
  });

  it('an NPS detractor and a CES of 5 or more flag the ticket (from survey.received); a CES of 4 does not', async () => {
    const writer = t.app.get(TicketWriter);
    const received = (ticketId: string, kind: string, score: number) =>
      writer.transaction((tx) =>
        tx.emitToEngines(ticketId, 'survey.received', { kind, score, agentId: ana.id }),
      );
    const nps = await newTicket();
    const ces = await newTicket();
    const fine = await newTicket();
    // The harmless answers go first: once the later ones flagged, the consumer has read them too.
    await received(fine, 'ces', 4);
    await received(fine, 'nps', 7);
    await received(nps, 'nps', 6);
    await received(ces, 'ces', 5);
    const npsReview = await waitFor(() => openReviewOf(nps), 10_000, 'an NPS flag');
    expect(npsReview).toMatchObject({
      agentId: ana.id,
      flags: [expect.objectContaining({ source: 'nps_detractor' })],
    });
    const cesReview = await waitFor(() => openReviewOf(ces), 10_000, 'a CES flag');
    expect(cesReview.flags.map((f: any) => [f.source, f.reason])).toEqual([['ces_high', 'CES 5/7']]);
    expect(await openReviewOf(fine)).toBeUndefined();
  });

  it('an SLA breach flags the ticket', async () => {
    const team = await t.createTeam('Fast lane');
    const fast = await t.createApiAccount({ teamId: team });
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'two seconds',
        order: 1,
        conditions: { teamIds: [team] },
        targets: { firstResponseSeconds: 2 },
      },
    });
    expect(policy.status).toBe(201);
    const { ticketId } = (
      await t.inbound(fast, { externalId: 'late-1', from: { handle: 'late@example.com' }, text: 'anyone?' })
    ).body;
    const review = await waitFor(() => openReviewOf(ticketId), 15_000, 'an SLA breach flag');
    expect(review.flags.map((f: any) => [f.source, f.reason])).toEqual([
      ['sla_breach', 'SLA breached: first_response'],
    ]);
  });

  it('bad review input is refused with the field named; unknown ids are 404', async () => {
    const ticketId = await newTicket();
    const flagged = await t.request('POST', `/api/tickets/${ticketId}/review-flags`, {
      token: sue.token,
      body: { reason: 'check' },
    });
    const bad = await t.request('POST', `/api/reviews/${flagged.body.id}`, {
      token: sue.token,
      body: { categories: ['rudeness'], whatWentWrong: 'x', betterNextTime: 'y', outcome: 'coached' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('categories');
    const missing = await t.request('POST', '/api/reviews/00000000-0000-4000-8000-000000000000', {
      token: sue.token,
      body: { categories: ['tone'], whatWentWrong: 'x', betterNextTime: 'y', outcome: 'coached' },
    });
    expect(missing.status).toBe(404);
  });

  it('the training export as JSON lines carries every reviewed case and none of the customers’ names, addresses or phone numbers', async () => {
    const customers = [
      {
        name: 'Margarethe Vollmer',
        handle: 'm.vollmer@post.example',
        phone: '+4930987654321',
        text: 'Hi, Margarethe Vollmer here (m.vollmer@post.example). Call me on +49 30 987654321 please.',
        reply: 'Dear Margarethe, we will call you back.',
      },
      {
        name: 'Jonas Quist',
        handle: 'jq-7781@mail.example',
        phone: '+4915112223334',
        text: 'jonas quist again, mobile 0151 1222 3334, or write to JQ-7781@mail.example',
        reply: 'Hello Jonas, sorry for the wait.',
      },
    ];
    const ids: string[] = [];
    for (const c of customers) {
      const { ticketId } = (
        await t.inbound(account, {
          externalId: `pii-${++n}`,
          from: { handle: c.handle, name: c.name },
          text: c.text,
        })
      ).body;
      const ticket = await t.request('GET', `/api/tickets/${ticketId}`, { token: admin });
      const contactId = ticket.body.contact.id;
      expect(
        (
          await t.request('PATCH', `/api/contacts/${contactId}`, {
            token: admin,
            body: { identities: { add: [{ kind: 'phone', address: c.phone }] } },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.request('POST', `/api/tickets/${ticketId}/messages`, {
            token: admin,
            body: { kind: 'reply', body: c.reply },
          })
        ).status,
      ).toBe(201);
      const flagged = await t.request('POST', `/api/tickets/${ticketId}/review-flags`, {
        token: sue.token,
        body: { reason: `${c.name.split(' ')[0]} had to ask twice` },
      });
      const done = await t.request('POST', `/api/reviews/${flagged.body.id}`, {
        token: sue.token,
        body: {
          categories: ['slow_response'],
          whatWentWrong: `${c.name} waited two days`,
          betterNextTime: `Call ${c.name.split(' ')[0]} back the same day`,
          outcome: 'coached',
        },
      });
      expect(done.status).toBe(200);
      ids.push(flagged.body.id);
    }

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const res = await fetch(
      `${t.url}/api/reviews/training-export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&format=jsonl`,
      { headers: { authorization: `Bearer ${sue.token}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toContain('training-cases.jsonl');
    const body = await res.text();
    const lines = body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    // The same cases as the JSON form, one a line.
    const json = await t.request(
      'GET',
      `/api/reviews/training-export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { token: sue.token },
    );
    expect(lines).toEqual(json.body.items);
    for (const id of ids) {
      const item = lines.find((l) => l.reviewId === id);
      expect(item.conversation.map((m: any) => m.from)).toEqual(['customer', 'agent']);
      expect(item.whatWentWrong).toBe('[customer] waited two days');
    }
    const digitsOnly = body.replace(/[\s().-]/g, '');
    for (const c of customers) {
      for (const part of [c.name, ...c.name.split(' '), c.handle])
        expect(body.toLowerCase()).not.toContain(part.toLowerCase());
      expect(digitsOnly).not.toContain(c.phone.slice(3));
    }
    expect(
      (
        await fetch(
          `${t.url}/api/reviews/training-export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&format=jsonl`,
          {
            headers: { authorization: `Bearer ${ana.token}` },
          },
        )
      ).status,
    ).toBe(403);
    const bad = await t.request(
      'GET',
      `/api/reviews/training-export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&format=xml`,
      {
        token: sue.token,
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('format');
  });
});
