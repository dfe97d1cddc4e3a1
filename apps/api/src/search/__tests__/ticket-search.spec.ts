import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { FakeTwilio, signTwilioRequest, twilioInboundParams } from '@switchboard/test-support-providers';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const SUPPORT: MailUser = { user: 'support@search.test', password: 'support-pw' };
const PUBLIC_URL = 'https://helpdesk.example.com';
const SMS_NUMBER = '+15005550006';

jest.setTimeout(120_000);

/**
 * Search as agents use it, on real PostgreSQL, with tickets that arrived the real way: mail
 * through Dovecot, texts through the Twilio webhook, messages through the API channel.
 */
describe('full-text search of tickets', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let dovecot: DovecotServer;
  let twilio: FakeTwilio;
  let admin: string;
  let billing: string;
  let logistics: string;
  let billingAgent: { id: string; token: string };
  let api: { id: string; apiKey: string };
  let logisticsApi: { id: string; apiKey: string };
  let smsId: string;

  beforeAll(async () => {
    twilio = new FakeTwilio();
    await twilio.start();
    mailApp = await startMailTestApp([SUPPORT]);
    ({ t, dovecot } = mailApp);
    admin = await t.adminToken();
    // German workspace: words are stemmed as German and accents folded.
    const language = await t.request('PUT', '/api/admin/settings/search-language', {
      token: admin,
      body: { language: 'de' },
    });
    expect(language.status).toBe(200);
    billing = await t.createTeam('Billing');
    logistics = await t.createTeam('Logistics');
    billingAgent = await t.createUser({ email: 'bea@search.test', teamIds: [billing] });
    api = await t.createApiAccount({ teamId: billing });
    logisticsApi = await t.createApiAccount({ teamId: logistics });
    const email = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Support mail',
        teamId: billing,
        config: { address: SUPPORT.user, imap: dovecot.imapConfig(SUPPORT), smtp: mailApp.sink.smtpConfig() },
      },
    });
    expect(email.status).toBe(201);
    const sms = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'twilio_sms',
        name: 'SMS',
        teamId: billing,
        config: {
          accountSid: twilio.accountSid,
          authToken: twilio.authToken,
          apiBaseUrl: twilio.url,
          from: SMS_NUMBER,
          publicUrl: PUBLIC_URL,
        },
      },
    });
    expect(sms.status).toBe(201);
    smsId = sms.body.id;
  });

  afterAll(async () => {
    await mailApp?.close();
    await twilio?.close();
  });

  const search = (token: string, query: Record<string, string>) =>
    t.request('GET', `/api/search?${new URLSearchParams(query).toString()}`, { token });
  const ticketIdsOf = (body: { items: Array<{ ticket: { id: string } }> }) =>
    body.items.map((i) => i.ticket.id);

  /** A message through the API channel; resolves with its ticket. */
  async function inbound(
    account: { id: string; apiKey: string },
    text: string,
    from: { handle: string; name?: string } = { handle: `customer-${randomBytes(4).toString('hex')}` },
  ): Promise<string> {
    const res = await t.inbound(account, { externalId: randomBytes(8).toString('hex'), from, text });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  async function textMessage(from: string, body: string): Promise<string> {
    const path = `/api/webhooks/twilio/${smsId}`;
    const messageSid = 'SM' + randomBytes(16).toString('hex');
    const params = twilioInboundParams({
      accountSid: twilio.accountSid,
      from,
      to: SMS_NUMBER,
      body,
      messageSid,
    });
    const res = await t.request('POST', path, {
      raw: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(twilio.authToken, PUBLIC_URL + path, params),
      },
    });
    expect(res.status).toBe(200);
    const row = await waitFor(
      () =>
        t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [
          messageSid,
        ]),
      10_000,
      'the text message stored',
    );
    return row.ticket_id;
  }

  async function emailed(raw: string, messageId: string): Promise<{ ticketId: string; messageId: string }> {
    await dovecot.append(SUPPORT, raw);
    const row = await waitFor(
      () =>
        t.db.one<{ id: string; ticket_id: string }>(
          `SELECT id, ticket_id FROM messages WHERE external_id = $1 AND direction = 'in'`,
          [messageId],
        ),
      30_000,
      `mail ${messageId} stored`,
    );
    return { ticketId: row.ticket_id, messageId: row.id };
  }

  it('finds a word that only appears deep in the quoted history of an email, ranked below the same word written plainly', async () => {
    const filler = Array.from(
      { length: 300 },
      (_, i) => `> Zeile ${i}: wir haben die Sendung geprüft und melden uns wieder.`,
    ).join('\r\n');
    const quoted = await emailed(
      mail({
        from: 'Margarethe Lindqvist <margarethe.lindqvist@nordhafen-logistik.example>',
        to: SUPPORT.user,
        subject: 'Lieferung',
        text: `Danke, das hilft.\r\n\r\nAm Montag schrieb der Support:\r\n${filler}\r\n> Ihre Palette steht im Zwischenlager Kranichfeld.\r\n`,
        messageId: '<quoted-1@nordhafen.example>',
      }),
      '<quoted-1@nordhafen.example>',
    );
    const stored = await t.db.one<{ text: string; elided: string }>(
      `SELECT text, meta ->> 'elidedText' AS elided FROM messages WHERE id = $1`,
      [quoted.messageId],
    );
    expect(stored?.text).not.toContain('Kranichfeld'); // the word is only in the folded-away quote
    expect(stored?.elided).toContain('Kranichfeld');
    const plain = await inbound(api, 'Bitte liefern Sie nach Kranichfeld, nicht nach Erfurt.');

    const res = await search(admin, { q: 'kranichfeld' });
    expect(res.status).toBe(200);
    expect(ticketIdsOf(res.body)).toEqual([plain, quoted.ticketId]);
    const hit = res.body.items[1];
    expect(hit.matchedIn).toBe('message');
    expect(hit.message.id).toBe(quoted.messageId);
    expect(hit.snippet).toContain('<mark>Kranichfeld</mark>');
  });

  it('finds a mail by the name of its attachment', async () => {
    const { ticketId } = await emailed(
      mail({
        from: 'einkauf@werft.example',
        to: SUPPORT.user,
        subject: 'Unterlagen',
        text: 'Anbei die Unterlagen.',
        messageId: '<attachment-1@werft.example>',
        attachments: [
          {
            filename: 'Lieferschein_Wismar-2026.pdf',
            contentType: 'application/pdf',
            content: Buffer.from('%PDF-1.4'),
          },
        ],
      }),
      '<attachment-1@werft.example>',
    );
    const res = await search(admin, { q: 'Lieferschein Wismar' });
    expect(ticketIdsOf(res.body)).toEqual([ticketId]);
    expect(res.body.items[0].snippet).toContain('Lieferschein_Wismar-2026.pdf');
  });

  it('finds a German word with an umlaut typed without it, and its other forms', async () => {
    const ticketId = await inbound(
      api,
      'Ich warte seit drei Wochen auf die Rückerstattungen meiner Bestellung.',
    );
    for (const q of ['Ruckerstattung', 'rückerstattung', 'Rueckerstattung OR Ruckerstattung']) {
      const res = await search(admin, { q });
      expect({ q, ids: ticketIdsOf(res.body) }).toEqual({ q, ids: [ticketId] });
    }
    expect((await search(admin, { q: 'Ruckerstattung' })).body.items[0].snippet).toContain(
      '<mark>Rückerstattungen</mark>',
    );
  });

  it('finds a phone number typed with spaces, in national or international form', async () => {
    const ticketId = await textMessage('+4917012345678', 'Mein Paket ist nicht angekommen');
    const cases = [
      ['+49 170 1234 5678', '+<mark>4917012345678</mark>'],
      ['0170 1234 5678', '+49<mark>17012345678</mark>'],
      ['(0170) 123-45678', '+49<mark>17012345678</mark>'],
      ['1234 567', '+49170<mark>1234567</mark>8'],
    ];
    for (const [q, snippet] of cases) {
      const res = await search(admin, { q });
      expect({ q, ids: ticketIdsOf(res.body) }).toEqual({ q, ids: [ticketId] });
      expect(res.body.items[0]).toMatchObject({ matchedIn: 'contact', snippet });
    }
  });

  it('finds a contact by part of an address or of a name, accents folded', async () => {
    const ticketId = await inbound(api, 'Hallo', {
      handle: 'j.mueller@brauhaus-sonnenberg.example',
      name: 'Jürgen Müller',
    });
    const byAddress = await search(admin, { q: 'brauhaus-sonn' });
    expect(ticketIdsOf(byAddress.body)).toEqual([ticketId]);
    expect(byAddress.body.items[0].snippet).toBe('j.mueller@<mark>brauhaus-sonn</mark>enberg.example');
    const byName = await search(admin, { q: 'jurgen mul' });
    expect(ticketIdsOf(byName.body)).toEqual([ticketId]);
    expect(byName.body.items[0].snippet).toBe('<mark>Jürgen Mül</mark>ler');
  });

  it('finds internal notes, and shows message text as escaped HTML with only the matches marked', async () => {
    const ticketId = await inbound(api, 'Preis <5 € & "Drucker" kaputt <script>alert("x")</script> danke');
    const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'note', body: 'Rücksprache mit der Fernwärme-Abteilung nötig' },
    });
    expect(note.status).toBe(201);
    const byNote = await search(admin, { q: 'fernwarme' });
    expect(ticketIdsOf(byNote.body)).toEqual([ticketId]);
    expect(byNote.body.items[0].message).toMatchObject({ id: note.body.id, kind: 'note' });

    const byBody = await search(admin, { q: 'drucker' });
    expect(ticketIdsOf(byBody.body)).toEqual([ticketId]);
    expect(byBody.body.items[0].snippet).toBe(
      'Preis &lt;5 € &amp; &quot;<mark>Drucker</mark>&quot; kaputt &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; danke',
    );
  });

  it('finds a ticket by its number, a word of its subject, and its tags', async () => {
    const ticketId = await inbound(api, 'irgendwas');
    const number = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body
      .number as number;
    const byNumber = await search(admin, { q: `#${number}` });
    expect(byNumber.body.items[0]).toMatchObject({ ticket: { id: ticketId }, matchedIn: 'number' });

    const mailed = await emailed(
      mail({
        from: 'hausmeister@altbau.example',
        to: SUPPORT.user,
        subject: 'Wasserschaden im Keller',
        text: 'Bitte melden Sie sich.',
        messageId: '<subject-1@altbau.example>',
      }),
      '<subject-1@altbau.example>',
    );
    const bySubject = await search(admin, { q: 'wasserschaden' });
    expect(ticketIdsOf(bySubject.body)).toEqual([mailed.ticketId]);
    expect(bySubject.body.items[0]).toMatchObject({
      matchedIn: 'subject',
      snippet: '<mark>Wasserschaden</mark> im Keller',
    });

    const tagged = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: admin,
      body: { tags: ['Export PDF'] },
    });
    expect(tagged.status).toBe(200);
    const byTag = await search(admin, { q: 'export pdf' });
    expect(ticketIdsOf(byTag.body)).toEqual([ticketId]);
    expect(byTag.body.items[0]).toMatchObject({ matchedIn: 'subject' });
    expect(byTag.body.items[0].snippet).toContain('<mark>export</mark> <mark>pdf</mark>');
  });

  it('never shows an agent a ticket outside their teams, whatever matched', async () => {
    const hidden = await inbound(logisticsApi, 'Der Gabelstapler quietscht', {
      handle: 'lager@quietschfrei.example',
      name: 'Quirin Quietsch',
    });
    const visible = await inbound(api, 'Die Rechnung für den Gabelstapler fehlt');
    const number = (await t.request('GET', `/api/tickets/${hidden}`, { token: admin })).body.number as number;

    expect(ticketIdsOf((await search(admin, { q: 'gabelstapler' })).body).sort()).toEqual(
      [hidden, visible].sort(),
    );
    expect(ticketIdsOf((await search(billingAgent.token, { q: 'gabelstapler' })).body)).toEqual([visible]);
    for (const q of ['quietschfrei', 'Quirin', `#${number}`, 'quietscht']) {
      const res = await search(billingAgent.token, { q });
      expect({ q, status: res.status, items: res.body.items }).toEqual({ q, status: 200, items: [] });
    }
    // The same rule as the queues: a ticket assigned to the agent is theirs to open, whatever its team.
    await t.request('PATCH', `/api/tickets/${hidden}`, {
      token: admin,
      body: { assigneeId: billingAgent.id },
    });
    expect(ticketIdsOf((await search(billingAgent.token, { q: 'quietscht' })).body)).toEqual([hidden]);
  });

  it('filters by status, team, channel and time, and pages with a cursor in rank order', async () => {
    const word = 'Walrossbarte';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        await inbound(
          api,
          `${Array(5 - i)
            .fill(word)
            .join(' ')} Nummer ${i}`,
        ),
      );
    const other = await inbound(logisticsApi, `${word} aus der Logistik`);

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const res = await search(admin, {
        q: word,
        limit: '2',
        teamId: billing,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      pages.push(ticketIdsOf(res.body));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    // More mentions rank higher: the tickets come in the order they were written.
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);

    expect(ticketIdsOf((await search(admin, { q: word, teamId: logistics })).body)).toEqual([other]);
    await t.request('PATCH', `/api/tickets/${ids[0]}`, { token: admin, body: { status: 'solved' } });
    expect(ticketIdsOf((await search(admin, { q: word, status: 'solved' })).body)).toEqual([ids[0]]);
    expect((await search(admin, { q: word, channel: 'email' })).body.items).toEqual([]);
    expect((await search(admin, { q: word, channel: 'api' })).body.items).toHaveLength(6);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await search(admin, { q: word, from: future })).body.items).toEqual([]);
    expect((await search(admin, { q: word, to: future })).body.items).toHaveLength(6);
  });

  it('finds a message from a year ago as well as this week’s, and only it when asked for before then', async () => {
    const word = 'Seepferdchenzucht';
    const recent = await inbound(api, `Frage zur ${word}`);
    const old = await inbound(api, `Noch eine Frage zur ${word}`);
    // Opened and written a year ago: past the weeks a search looks into one at a time.
    const aYearAgo = `now() - interval '365 days'`;
    await t.db.query(`UPDATE messages SET created_at = ${aYearAgo} WHERE ticket_id = $1`, [old]);
    await t.db.query(`UPDATE tickets SET created_at = ${aYearAgo} WHERE id = $1`, [old]);

    const found = await search(admin, { q: word });
    expect(found.status).toBe(200);
    expect(ticketIdsOf(found.body).sort()).toEqual([recent, old].sort());
    const halfYearAgo = new Date(Date.now() - 182 * 86_400_000).toISOString();
    expect(ticketIdsOf((await search(admin, { q: word, to: halfYearAgo })).body)).toEqual([old]);
    expect(ticketIdsOf((await search(admin, { q: word, from: halfYearAgo })).body)).toEqual([recent]);
    expect(ticketIdsOf((await search(billingAgent.token, { q: word })).body).sort()).toEqual(
      [recent, old].sort(),
    );
  });

  it('answers bad input with a 400 that names the field', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ q: '' }, /^q: must not be empty/],
      [{ q: '   ' }, /^q: must not be empty/],
      [{}, /^q: must not be empty/],
      [{ q: 'x'.repeat(201) }, /^q: must be at most 200 characters/],
      [{ q: 'rechnung', cursor: 'not-a-cursor' }, /^cursor: must be a nextCursor returned by this search/],
      [
        {
          q: 'rechnung',
          cursor: Buffer.from(
            '[1,"2026-02-30T00:00:00.000000Z","00000000-0000-4000-8000-000000000000"]',
          ).toString('base64url'),
        },
        /^cursor: /,
      ],
      [{ q: 'rechnung', from: 'yesterday' }, /^from: must be a date-time/],
      [
        { q: 'rechnung', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        /^to: must be later than from/,
      ],
      [{ q: 'rechnung', teamId: 'billing' }, /^teamId: must be the id of a team/],
      [{ q: 'rechnung', status: 'lost' }, /^status: /],
      [{ q: 'rechnung', limit: '500' }, /^limit: /],
      [{ q: 'rechnung', sort: 'fun' }, /unknown field\(s\) sort/],
    ];
    for (const [query, reason] of cases) {
      const res = await search(admin, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.message).toMatch(reason);
    }
    expect((await t.request('GET', '/api/search?q=rechnung')).status).toBe(401);
  });
});
