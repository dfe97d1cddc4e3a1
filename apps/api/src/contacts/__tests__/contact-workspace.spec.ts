import { randomBytes } from 'node:crypto';
import { IngestService } from '../../ingest/ingest.service.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

const uid = () => randomBytes(4).toString('hex');

describe('the contact workspace', () => {
  let t: TestApp;
  let admin: string;
  let ingest: IngestService;

  /** A channel account of a given kind, as the admin screens would store it (no credentials needed to receive). */
  async function account(kind: string, teamId: string | null = null) {
    const [row] = await t.db.query<{ id: string }>(
      `INSERT INTO channel_accounts (kind, name, team_id, config) VALUES ($1, $2, $3, '{}') RETURNING id`,
      [kind, `${kind} ${uid()}`, teamId],
    );
    return row.id;
  }

  /** A customer message through the one ingest door; answers the ticket and contact it landed on. */
  async function receive(
    accountId: string,
    from: { kind: string; address: string; name?: string },
    text: string,
  ) {
    const result = await ingest.ingest({
      channelAccountId: accountId,
      externalId: `x-${uid()}`,
      from,
      text,
      subject: text.slice(0, 30),
      threadKey: `thread-${uid()}`,
    });
    const [row] = await t.db.query<{ contact_id: string }>(`SELECT contact_id FROM tickets WHERE id = $1`, [
      result.ticketId,
    ]);
    return { ticketId: result.ticketId, contactId: row.contact_id };
  }

  const get = (path: string, token = admin) => t.request('GET', path, { token });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    ingest = t.app.get(IngestService);
  });
  afterAll(() => t?.close());

  it('finds a contact by part of the name, part of any address, and the organization name', async () => {
    const email = await account('email');
    const sms = await account('twilio_sms');
    const tag = uid();
    const ada = await receive(
      email,
      { kind: 'email', address: `ada.${tag}@analytical.example`, name: `Ada Lovelace ${tag}` },
      'hi',
    );
    const digits = String(parseInt(tag, 16) % 10_000_000).padStart(7, '0');
    await receive(sms, { kind: 'phone', address: `+4930${digits}` }, 'sms');
    const patched = await t.request('PATCH', `/api/contacts/${ada.contactId}`, {
      token: admin,
      body: { identities: { add: [{ kind: 'phone', address: `+44 20 79 ${digits}` }] } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.identities.map((i: { address: string }) => i.address)).toContain(`+442079${digits}`);

    const ids = async (q: string) =>
      ((await get(`/api/contacts?q=${encodeURIComponent(q)}`)).body.items as Array<{ id: string }>).map(
        (c) => c.id,
      );
    expect(await ids(`lovelace ${tag}`)).toEqual([ada.contactId]);
    expect(await ids(`ada.${tag}@analyt`)).toEqual([ada.contactId]);
    expect(await ids(`2079${digits.slice(0, 5)}`)).toEqual([ada.contactId]);

    const org = await t.request('POST', '/api/admin/organizations', {
      token: admin,
      body: { name: `Analytical Engines ${tag}`, domains: ['Analytical.example'] },
    });
    expect(org.status).toBe(201);
    expect(org.body).toMatchObject({ domains: ['analytical.example'], contactCount: 1 });
    expect(await ids(`engines ${tag}`)).toEqual([ada.contactId]);
    const list = await get(`/api/contacts?q=${tag}`);
    expect(list.body.items[0].organization).toEqual({ id: org.body.id, name: `Analytical Engines ${tag}` });
    expect(await ids('no-such-person-anywhere')).toEqual([]);
  });

  it('an organization takes in existing contacts of its domain at once and new ones as they write; its tickets list together', async () => {
    const email = await account('email');
    const d = `acme-${uid()}.example`;
    const before = await receive(email, { kind: 'email', address: `first@${d}` }, 'before the organization');
    const org = await t.request('POST', '/api/admin/organizations', {
      token: admin,
      body: { name: `Acme ${d}`, domains: [d] },
    });
    expect(org.status).toBe(201);
    const after = await receive(email, { kind: 'email', address: `second@${d.toUpperCase()}` }, 'after');
    const outsider = await receive(
      email,
      { kind: 'email', address: `someone@other-${uid()}.example` },
      'outsider',
    );

    expect((await get(`/api/contacts/${before.contactId}`)).body.organization?.id).toBe(org.body.id);
    expect((await get(`/api/contacts/${after.contactId}`)).body.organization?.id).toBe(org.body.id);
    expect((await get(`/api/contacts/${outsider.contactId}`)).body.organization).toBeNull();

    const members = await get(`/api/contacts?organizationId=${org.body.id}`);
    expect(members.body.items.map((c: { id: string }) => c.id).sort()).toEqual(
      [before.contactId, after.contactId].sort(),
    );
    const tickets = await get(`/api/tickets?organizationId=${org.body.id}`);
    expect(tickets.body.items.map((x: { id: string }) => x.id).sort()).toEqual(
      [before.ticketId, after.ticketId].sort(),
    );

    // A domain added later brings its contacts in too; agents may list organizations, not change them.
    const d2 = `acme-eu-${uid()}.example`;
    const eu = await receive(email, { kind: 'email', address: `third@${d2}` }, 'eu');
    const patched = await t.request('PATCH', `/api/admin/organizations/${org.body.id}`, {
      token: admin,
      body: { domains: [d, d2] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ domains: [d, d2], contactCount: 3 });
    expect((await get(`/api/contacts/${eu.contactId}`)).body.organization?.id).toBe(org.body.id);
    const agent = await t.createUser({ email: `org-agent-${uid()}@test.local` });
    expect((await get('/api/admin/organizations', agent.token)).status).toBe(200);
    const refused = await t.request('POST', '/api/admin/organizations', {
      token: agent.token,
      body: { name: 'Nope', domains: [] },
    });
    expect(refused.status).toBe(403);
    const badDomain = await t.request('POST', '/api/admin/organizations', {
      token: admin,
      body: { name: `Bad ${d}`, domains: ['not a domain'] },
    });
    expect(badDomain.status).toBe(400);
    expect(badDomain.body.message).toContain('domains.0');

    const again = await t.request('POST', '/api/admin/organizations', {
      token: admin,
      body: { name: `Other ${d}`, domains: [d] },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(d);
  });

  it('notes: an agent writes one, it lists newest first with its author', async () => {
    const email = await account('email');
    const c = await receive(email, { kind: 'email', address: `notes-${uid()}@example.com` }, 'hello');
    await t.request('POST', `/api/contacts/${c.contactId}/notes`, {
      token: admin,
      body: { body: 'Prefers phone calls' },
    });
    const second = await t.request('POST', `/api/contacts/${c.contactId}/notes`, {
      token: admin,
      body: { body: 'VIP since 2024' },
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ body: 'VIP since 2024', author: { name: 'Admin' } });
    const notes = await get(`/api/contacts/${c.contactId}/notes`);
    expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual([
      'VIP since 2024',
      'Prefers phone calls',
    ]);
    const blank = await t.request('POST', `/api/contacts/${c.contactId}/notes`, {
      token: admin,
      body: { body: '   ' },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toContain('body');
  });

  it('the timeline runs across tickets and channels, newest first, page by page, and an agent sees only their teams', async () => {
    const team = await t.createTeam(`team-${uid()}`);
    const otherTeam = await t.createTeam(`other-${uid()}`);
    const agent = await t.createUser({ email: `agent-${uid()}@test.local`, teamIds: [team] });
    const email = await account('email', team);
    const sms = await account('twilio_sms', team);
    const hidden = await account('email', otherTeam);
    const address = `multi-${uid()}@example.com`;
    const first = await receive(email, { kind: 'email', address }, 'email 1');
    const phone = `+1555${Math.floor(Math.random() * 1e7)
      .toString()
      .padStart(7, '0')}`;
    await t.request('PATCH', `/api/contacts/${first.contactId}`, {
      token: admin,
      body: { identities: { add: [{ kind: 'phone', address: phone }] } },
    });
    const texts: string[] = ['email 1'];
    for (let i = 1; i <= 5; i++) {
      const r = await receive(
        i % 2 ? sms : email,
        i % 2 ? { kind: 'phone', address: phone } : { kind: 'email', address },
        `message ${i}`,
      );
      expect(r.contactId).toBe(first.contactId);
      texts.push(`message ${i}`);
    }
    await receive(hidden, { kind: 'email', address }, 'secret other team');

    const read = async (token: string) => {
      const seen: Array<{ preview: string; channel: string; ticket: { id: string } }> = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(
          `/api/contacts/${first.contactId}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          token,
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      return { seen, pages };
    };
    const mine = await read(agent.token);
    expect(mine.seen.map((m) => m.preview)).toEqual([...texts].reverse());
    expect(mine.pages).toBe(3);
    expect(new Set(mine.seen.map((m) => m.channel))).toEqual(new Set(['email', 'twilio_sms']));
    expect(new Set(mine.seen.map((m) => m.ticket.id)).size).toBeGreaterThan(1);

    const all = await read(admin);
    expect(all.seen.map((m) => m.preview)).toContain('secret other team');

    // A contact known only through another team's tickets does not exist for this agent.
    const stranger = await receive(hidden, { kind: 'email', address: `stranger-${uid()}@example.com` }, 'hi');
    expect((await get(`/api/contacts/${stranger.contactId}/timeline`, agent.token)).status).toBe(404);
    expect((await get(`/api/contacts/${stranger.contactId}`, agent.token)).status).toBe(404);
    const found = await get(`/api/contacts?q=stranger`, agent.token);
    expect(found.body.items).toEqual([]);
    const note = await t.request('POST', `/api/contacts/${stranger.contactId}/notes`, {
      token: agent.token,
      body: { body: 'x' },
    });
    expect(note.status).toBe(404);
  });

  it('edits the profile, and refuses bad input with the field named', async () => {
    const email = await account('email');
    const c = await receive(email, { kind: 'email', address: `edit-${uid()}@example.com` }, 'hello');
    const ok = await t.request('PATCH', `/api/contacts/${c.contactId}`, {
      token: admin,
      body: {
        name: 'Grace Hopper',
        tags: ['VIP', ' vip ', 'Navy'],
        language: 'de',
        timeZone: 'Europe/Berlin',
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      name: 'Grace Hopper',
      tags: ['vip', 'navy'],
      language: 'de',
      timeZone: 'Europe/Berlin',
    });
    const byTag = await get(`/api/contacts?tag=VIP&q=grace`);
    expect(byTag.body.items.map((x: { id: string }) => x.id)).toContain(c.contactId);

    const bad = async (body: unknown, field: string) => {
      const res = await t.request('PATCH', `/api/contacts/${c.contactId}`, { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
    };
    await bad({ timeZone: 'Mars/Olympus' }, 'timeZone');
    await bad({ language: 'not a language' }, 'language');
    await bad({ identities: { add: [{ kind: 'email', address: 'nope' }] } }, 'identities.add.0.address');
    await bad({ identities: { add: [{ kind: 'phone', address: '12' }] } }, 'identities.add.0.address');
    await bad({ identities: { add: [{ kind: 'carrier_pigeon', address: 'x' }] } }, 'identities.add.0');
    await bad({ colour: 'blue' }, 'colour');
    const own = (await get(`/api/contacts/${c.contactId}`)).body.identities as Array<{ id: string }>;
    await bad({ identities: { remove: [own[0].id] } }, 'at least one identity');
    await bad({ identities: { remove: ['00000000-0000-4000-8000-000000000000'] } }, 'identities.remove');
    expect((await get(`/api/contacts?cursor=garbage`)).status).toBe(400);

    // An address of another contact is a conflict, never a silent move.
    const other = await receive(email, { kind: 'email', address: `taken-${uid()}@example.com` }, 'x');
    const otherAddress = (await get(`/api/contacts/${other.contactId}`)).body.identities[0].address;
    const taken = await t.request('PATCH', `/api/contacts/${c.contactId}`, {
      token: admin,
      body: { identities: { add: [{ kind: 'email', address: otherAddress }] } },
    });
    expect(taken.status).toBe(409);

    // Removing an identity keeps its messages on the timeline.
    const added = await t.request('PATCH', `/api/contacts/${c.contactId}`, {
      token: admin,
      body: { identities: { add: [{ kind: 'email', address: `second-${uid()}@example.com` }] } },
    });
    expect(added.body.identities).toHaveLength(2);
    const removed = await t.request('PATCH', `/api/contacts/${c.contactId}`, {
      token: admin,
      body: { identities: { remove: [own[0].id] } },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.identities).toHaveLength(1);
    expect(
      (await get(`/api/contacts/${c.contactId}/timeline`)).body.items.map(
        (m: { preview: string }) => m.preview,
      ),
    ).toEqual(['hello']);
  });

  it('shows satisfaction answers on the contact', async () => {
    const email = await account('email');
    const c = await receive(email, { kind: 'email', address: `csat-${uid()}@example.com` }, 'hello');
    await t.db.query(
      `INSERT INTO survey_responses (ticket_id, kind, score, comment, channel) VALUES ($1, 'csat', 4, 'quick help', 'email')`,
      [c.ticketId],
    );
    const contact = await get(`/api/contacts/${c.contactId}`);
    expect(contact.body.satisfaction).toEqual([
      expect.objectContaining({ ticketId: c.ticketId, kind: 'csat', score: 4, comment: 'quick help' }),
    ]);
  });

  it('a contact merge carries the notes, tags and time zone of the merged-away contact', async () => {
    const email = await account('email');
    const keep = await receive(email, { kind: 'email', address: `keep-${uid()}@example.com` }, 'one');
    const gone = await receive(email, { kind: 'email', address: `gone-${uid()}@example.com` }, 'two');
    await t.request('PATCH', `/api/contacts/${gone.contactId}`, {
      token: admin,
      body: { tags: ['billing'], timeZone: 'America/New_York' },
    });
    await t.request('POST', `/api/contacts/${gone.contactId}/notes`, {
      token: admin,
      body: { body: 'Call after 5pm' },
    });
    const merged = await t.request('POST', `/api/contacts/${keep.contactId}/merge`, {
      token: admin,
      body: { otherContactId: gone.contactId },
    });
    expect(merged.status).toBe(200);
    const contact = await get(`/api/contacts/${keep.contactId}`);
    expect(contact.body).toMatchObject({ tags: ['billing'], timeZone: 'America/New_York' });
    expect(contact.body.contactNotes.map((n: { body: string }) => n.body)).toEqual(['Call after 5pm']);
    const timeline = await get(`/api/contacts/${keep.contactId}/timeline`);
    expect(timeline.body.items.map((m: { preview: string }) => m.preview)).toEqual(['two', 'one']);
  });
});
