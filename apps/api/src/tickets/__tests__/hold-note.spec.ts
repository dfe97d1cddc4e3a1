import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/** A hold note says why, what was done and what is next; the customer reads the hold's end in words they can use. */
describe('hold', () => {
  let t: TestApp;
  let receiver: CallbackReceiver;
  let admin: string;
  let account: { id: string; apiKey: string };
  let n = 0;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    t = await startTestApp();
    admin = await t.adminToken();
    account = await t.createApiAccount({ callbackUrl: receiver.url });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function newTicket(name = 'Carla Marquez'): Promise<string> {
    n += 1;
    const res = await t.inbound(account, {
      externalId: `h-${n}`,
      from: { handle: `c${n}@example.com`, name },
      text: 'help',
    });
    return res.body.ticketId;
  }
  const hold = (id: string, body: unknown) =>
    t.request('POST', `/api/tickets/${id}/hold`, { token: admin, body });

  it.each([
    [
      { why: 'Waiting for the warehouse' },
      /^done: is required: say what was done so far; next: is required: say what is next$/,
    ],
    [{ why: 'Waiting', done: 'Called them' }, /^next: is required: say what is next$/],
    [{ done: 'Called them', next: 'Call back' }, /^why: is required: say why the ticket is on hold$/],
    [{ note: 'Why on hold: Waiting for the warehouse' }, /note: has no "What was done:" line/],
    [{ note: 'waiting' }, /note: has no "Why on hold:" line/],
    [{}, /^why: is required/],
  ])('refuses %j with a 400 naming the missing part', async (body, message) => {
    const id = await newTicket();
    const res = await hold(id, body);
    expect({ status: res.status, message: res.body.message }).toEqual({
      status: 400,
      message: expect.stringMatching(message),
    });
    const ticket = await t.request('GET', `/api/tickets/${id}`, { token: admin });
    expect(ticket.body.status).not.toBe('on_hold');
  });

  it('stores the three parts as one note, whichever way they were given', async () => {
    const structured = await newTicket();
    expect(
      (await hold(structured, { why: 'Waiting', done: 'Called the courier', next: 'Tell the customer' }))
        .status,
    ).toBe(200);
    const labelled = await newTicket();
    const note = 'Why on hold: Waiting\nWhat was done: Called the courier\nWhat is next: Tell the customer';
    expect((await hold(labelled, { note })).status).toBe(200);
    const notes = await t.db.query<{ text: string }>(
      `SELECT text FROM messages WHERE kind = 'hold_note' AND ticket_id = ANY($1::uuid[])`,
      [[structured, labelled]],
    );
    expect(notes.map((m) => m.text)).toEqual([note, note]);
  });

  it('tells the customer the hold’s end in the workspace’s time zone, not as a raw GMT date', async () => {
    const calendar = await t.request('POST', '/api/admin/calendars', {
      token: admin,
      body: {
        name: 'Berlin office',
        timeZone: 'Europe/Berlin',
        hours: [{ day: 1, from: '09:00', to: '17:00' }],
      },
    });
    await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'Office',
        order: 0,
        calendarId: calendar.body.id,
        targets: { firstResponseSeconds: 3600 },
      },
    });
    const id = await newTicket();
    const res = await hold(id, {
      note: 'Why on hold: Waiting\nWhat was done: Asked the warehouse\nWhat is next: Tell the customer',
      until: '2027-12-07T10:30:00Z',
      notifyCustomer: true,
    });
    expect(res.status).toBe(200);
    const told = await waitFor(
      () => receiver.received.find((r) => r.json.ticketId === id && /on hold/.test(r.json.text)),
      5000,
      'the hold message at the customer',
    );
    expect(told.json.text).toContain('by Tuesday, 7 December 2027 at 11:30 CET.');
    expect(told.json.text).not.toContain('GMT');
  });
});

/** The hold's end in the contact's own language and time zone when the contact has them. */
describe('hold message for a contact with a language and a time zone', () => {
  let t: TestApp;
  let receiver: CallbackReceiver;
  let admin: string;
  let account: { id: string; apiKey: string };
  const UNTIL = '2027-12-07T10:30:00Z';

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    // No SLA policy here: the workspace writes times in English, in UTC.
    t = await startTestApp();
    admin = await t.adminToken();
    account = await t.createApiAccount({ callbackUrl: receiver.url });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function holdAndReadMessage(handle: string, profile: { language: string; timeZone: string } | null) {
    const inbound = await t.inbound(account, {
      externalId: handle,
      from: { handle: `${handle}@example.com`, name: 'Greta Gast' },
      text: 'Wo bleibt meine Bestellung?',
    });
    const id: string = inbound.body.ticketId;
    if (profile)
      await t.db.query(
        `UPDATE contacts SET language = $2, time_zone = $3
          WHERE id = (SELECT contact_id FROM tickets WHERE id = $1)`,
        [id, profile.language, profile.timeZone],
      );
    const res = await t.request('POST', `/api/tickets/${id}/hold`, {
      token: admin,
      body: {
        why: 'Waiting',
        done: 'Asked the warehouse',
        next: 'Tell the customer',
        until: UNTIL,
        notifyCustomer: true,
      },
    });
    expect(res.status).toBe(200);
    const told = await waitFor(
      () => receiver.received.find((r) => r.json.ticketId === id && /on hold/.test(r.json.text)),
      5000,
      'the hold message at the customer',
    );
    return told.json.text as string;
  }

  it('writes the end in German and Berlin time for a German contact in Europe/Berlin', async () => {
    const text = await holdAndReadMessage('greta-de', { language: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(text).toContain('by Dienstag, 7. Dezember 2027 um 11:30 MEZ.');
  });

  it('writes the end the workspace’s way (English, UTC) for a contact without either', async () => {
    const text = await holdAndReadMessage('greta-none', null);
    expect(text).toContain('by Tuesday, 7 December 2027 at 10:30 UTC.');
  });

  it('ignores a language or time zone Intl does not know, keeping the other', async () => {
    const text = await holdAndReadMessage('greta-typo', { language: 'de-DE', timeZone: 'Europe/Berlinn' });
    expect(text).toContain('by Dienstag, 7. Dezember 2027 um 10:30 UTC.');
  });
});
