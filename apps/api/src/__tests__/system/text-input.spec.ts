import { FakeTelegram, telegramMessageUpdate } from '@switchboard/test-support-providers';
import { startTestApp, type HttpResult, type TestApp } from '../../test-support/test-app.js';

/**
 * Text that PostgreSQL refuses (a NUL byte) or that misleads an agent on screen (bidi overrides,
 * line breaks in a one-line name) must never reach the database as is: message content loses
 * the NUL and keeps the rest, identifiers and filters are refused with a 400 naming the field.
 * Never a 500: a provider would retry a 500 forever.
 */
const NUL = '\u0000';

describe('text input: NUL bytes, bidi controls and line breaks', () => {
  let t: TestApp;
  let admin: string;
  let api: { id: string; apiKey: string };
  let ticketId: string;
  let bot: FakeTelegram;
  let telegram: { id: string };

  const db = <T>(sql: string, params: unknown[]) => t.db.one<T & Record<string, unknown>>(sql, params);
  const as = (method: string, path: string, body?: unknown) =>
    t.request(method, path, { token: admin, ...(body !== undefined ? { body } : {}) });
  const newTicket = async (text = 'help me') => {
    const res = await t.inbound(api, {
      externalId: `seed-${Math.random()}`,
      from: { handle: `seed-${Math.random()}@example.test` },
      text,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId as string;
  };

  beforeAll(async () => {
    bot = new FakeTelegram();
    await bot.start();
    t = await startTestApp();
    admin = await t.adminToken();
    api = await t.createApiAccount();
    ticketId = await newTicket();
    const res = await as('POST', '/api/admin/channel-accounts', {
      kind: 'telegram',
      name: 'Bot',
      config: { botToken: bot.botToken, apiBaseUrl: bot.url, publicUrl: 'https://helpdesk.example.com' },
    });
    if (res.status !== 201) throw new Error(`create telegram: ${res.status} ${JSON.stringify(res.body)}`);
    telegram = res.body;
  });

  afterAll(async () => {
    await t?.close();
    await bot?.close();
  });

  type Outcome = { refused: string } | { stored: () => Promise<unknown>; expected: unknown };
  const cases: Array<[string, () => Promise<{ res: HttpResult; outcome: Outcome }>]> = [
    [
      'API channel text',
      async () => {
        const res = await t.inbound(api, {
          externalId: 'nul-text',
          from: { handle: 'nul-text@example.test' },
          text: `before${NUL}after`,
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (await db<{ text: string }>(`SELECT text FROM messages WHERE external_id = 'nul-text'`, []))
                ?.text,
            expected: 'beforeafter',
          },
        };
      },
    ],
    [
      'API channel sender name',
      async () => {
        const res = await t.inbound(api, {
          externalId: 'nul-name',
          from: { handle: 'nul-name@example.test', name: `Ada${NUL} Lovelace` },
          text: 'hi',
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (
                await db<{ name: string }>(
                  `SELECT c.name FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE i.address = 'nul-name@example.test'`,
                  [],
                )
              )?.name,
            expected: 'Ada Lovelace',
          },
        };
      },
    ],
    [
      'API channel subject',
      async () => {
        const res = await t.inbound(api, {
          externalId: 'nul-subject',
          from: { handle: 'nul-subject@example.test' },
          text: 'hi',
          subject: `Order${NUL} 42`,
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (
                await db<{ subject: string }>(`SELECT subject FROM tickets WHERE id = $1`, [
                  res.body.ticketId,
                ])
              )?.subject,
            expected: 'Order 42',
          },
        };
      },
    ],
    [
      'API channel handle',
      async () => ({
        res: await t.inbound(api, {
          externalId: 'nul-handle',
          from: { handle: `a${NUL}@example.test` },
          text: 'hi',
        }),
        outcome: { refused: 'from.handle' },
      }),
    ],
    [
      'API channel external id',
      async () => ({
        res: await t.inbound(api, {
          externalId: `ext${NUL}1`,
          from: { handle: 'nul-ext@example.test' },
          text: 'hi',
        }),
        outcome: { refused: 'externalId' },
      }),
    ],
    [
      'API channel thread key',
      async () => ({
        res: await t.inbound(api, {
          externalId: 'nul-thread',
          from: { handle: 'nul-thread@example.test' },
          text: 'hi',
          threadKey: `k${NUL}`,
        }),
        outcome: { refused: 'threadKey' },
      }),
    ],
    [
      'Telegram text, sender name, username and file name',
      async () => {
        const update = telegramMessageUpdate({
          fromId: 7770001,
          firstName: `Ti${NUL}m`,
          username: `tim${NUL}`,
          text: `pay${NUL}ment`,
          document: {
            fileId: 'unknown-file',
            fileName: `bill${NUL}.pdf`,
            mimeType: 'application/pdf',
            size: 10,
          },
        });
        const res = await t.request('POST', `/api/webhooks/telegram/${telegram.id}`, {
          body: update,
          headers: { 'x-telegram-bot-api-secret-token': bot.webhook!.secretToken! },
        });
        return {
          res,
          outcome: {
            stored: async () => {
              const row = await db<{ text: string; name: string; username: string; filename: string }>(
                `SELECT m.text, c.name, m.meta->>'username' AS username, m.meta->'attachments'->0->>'filename' AS filename
                   FROM messages m JOIN tickets tk ON tk.id = m.ticket_id JOIN contacts c ON c.id = tk.contact_id WHERE m.external_id = $1`,
                [`${bot.botId}:${update.update_id}`],
              );
              return (
                row && { text: row.text, name: row.name, username: row.username, filename: row.filename }
              );
            },
            expected: { text: 'payment', name: 'Tim', username: 'tim', filename: 'bill.pdf' },
          },
        };
      },
    ],
    [
      'agent reply body',
      async () => {
        const res = await as('POST', `/api/tickets/${ticketId}/messages`, {
          kind: 'reply',
          body: `thanks${NUL}!`,
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (await db<{ text: string }>(`SELECT text FROM messages WHERE id = $1`, [res.body.id]))?.text,
            expected: 'thanks!',
          },
        };
      },
    ],
    [
      'internal note',
      async () => {
        const res = await as('POST', `/api/tickets/${ticketId}/messages`, {
          kind: 'note',
          body: `call${NUL} back`,
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (await db<{ text: string }>(`SELECT text FROM messages WHERE id = $1`, [res.body.id]))?.text,
            expected: 'call back',
          },
        };
      },
    ],
    [
      'ticket tags',
      async () => ({
        res: await as('PATCH', `/api/tickets/${ticketId}`, { tags: [`vip${NUL}`] }),
        outcome: { refused: 'tags.0' },
      }),
    ],
    [
      'hold note',
      async () => {
        const id = await newTicket();
        const res = await as('POST', `/api/tickets/${id}/hold`, {
          why: `waiting${NUL} on courier`,
          done: 'called',
          next: 'wait',
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (
                await db<{ text: string }>(
                  `SELECT text FROM messages WHERE ticket_id = $1 AND kind = 'hold_note'`,
                  [id],
                )
              )?.text,
            expected: 'Why on hold: waiting on courier\nWhat was done: called\nWhat is next: wait',
          },
        };
      },
    ],
    [
      'transfer note',
      async () => {
        const id = await newTicket();
        const team = await t.createTeam('Transfer target');
        const res = await as('POST', `/api/tickets/${id}/transfer`, {
          toTeamId: team,
          note: `over${NUL} to you`,
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (
                await db<{ text: string }>(
                  `SELECT text FROM messages WHERE ticket_id = $1 AND kind = 'transfer_note'`,
                  [id],
                )
              )?.text,
            expected: 'over to you',
          },
        };
      },
    ],
    [
      'team name',
      async () => {
        const res = await as('POST', '/api/admin/teams', { name: `Bil${NUL}ling` });
        return {
          res,
          outcome: {
            stored: async () =>
              (await db<{ name: string }>(`SELECT name FROM teams WHERE id = $1`, [res.body.id]))?.name,
            expected: 'Billing',
          },
        };
      },
    ],
    [
      'team rename',
      async () => {
        const id = await t.createTeam('Rename me');
        const res = await as('PATCH', `/api/admin/teams/${id}`, { name: `Re${NUL}named` });
        return {
          res,
          outcome: {
            stored: async () =>
              (await db<{ name: string }>(`SELECT name FROM teams WHERE id = $1`, [id]))?.name,
            expected: 'Renamed',
          },
        };
      },
    ],
    [
      'user name',
      async () => {
        const res = await as('POST', '/api/admin/users', {
          email: 'nul-user@test.local',
          name: `Gra${NUL}ce`,
          password: 'a-long-password',
          role: 'agent',
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (await db<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [res.body.id]))?.name,
            expected: 'Grace',
          },
        };
      },
    ],
    [
      'user rename',
      async () => {
        const { id } = await t.createUser({ email: 'rename-user@test.local' });
        const res = await as('PATCH', `/api/admin/users/${id}`, { name: `Ali${NUL}ce` });
        return {
          res,
          outcome: {
            stored: async () =>
              (await db<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [id]))?.name,
            expected: 'Alice',
          },
        };
      },
    ],
    [
      'canned reply title and body',
      async () => {
        const res = await as('POST', '/api/admin/canned-replies', {
          title: `Ship${NUL}ping delay`,
          body: `Hello${NUL} there`,
        });
        return {
          res,
          outcome: {
            stored: async () => db(`SELECT title, body FROM canned_replies WHERE id = $1`, [res.body.id]),
            expected: { title: 'Shipping delay', body: 'Hello there' },
          },
        };
      },
    ],
    [
      'hold template setting',
      async () => {
        const res = await as('PUT', '/api/admin/settings/hold-template', {
          template: `On hold${NUL} until {{hold.until}}`,
        });
        return {
          res,
          outcome: {
            stored: async () => (await as('GET', '/api/settings/hold-template')).body.template,
            expected: 'On hold until {{hold.until}}',
          },
        };
      },
    ],
    [
      'channel account name',
      async () => {
        const res = await as('POST', '/api/admin/channel-accounts', {
          kind: 'api',
          name: `Shop${NUL} API`,
          config: {},
        });
        return {
          res,
          outcome: {
            stored: async () =>
              (await db<{ name: string }>(`SELECT name FROM channel_accounts WHERE id = $1`, [res.body.id]))
                ?.name,
            expected: 'Shop API',
          },
        };
      },
    ],
    [
      'channel account config value',
      async () => ({
        res: await as('POST', '/api/admin/channel-accounts', {
          kind: 'api',
          name: 'Cfg',
          config: { callbackUrl: `https://x.test/${NUL}` },
        }),
        outcome: { refused: 'config.callbackUrl' },
      }),
    ],
    [
      'SLA policy tag condition',
      async () => ({
        res: await as('POST', '/api/admin/sla-policies', {
          name: 'VIP',
          order: 1,
          conditions: { tags: [`vip${NUL}`] },
          targets: { firstResponseSeconds: 60 },
        }),
        outcome: { refused: 'conditions.tags.0' },
      }),
    ],
    [
      'ticket search ?q=',
      async () => ({
        res: await as('GET', `/api/tickets?q=${encodeURIComponent(`help${NUL}`)}`),
        outcome: { refused: 'q' },
      }),
    ],
    [
      'ticket filter ?tag=',
      async () => ({
        res: await as('GET', `/api/tickets?tag=${encodeURIComponent(`vip${NUL}`)}`),
        outcome: { refused: 'tag' },
      }),
    ],
    [
      'ticket filter ?channel=',
      async () => ({
        res: await as('GET', `/api/tickets?channel=${encodeURIComponent(`api${NUL}`)}`),
        outcome: { refused: 'channel' },
      }),
    ],
  ];

  it.each(cases)('a NUL byte in the %s is stripped or refused, never a 500', async (_, send) => {
    const { res, outcome } = await send();
    if ('refused' in outcome) {
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(`${outcome.refused}:`);
    } else {
      expect([200, 201, 204]).toContain(res.status);
      expect(await outcome.stored()).toEqual(outcome.expected);
    }
  });

  it('a sender name or subject cannot reorder or break the line it is shown on', async () => {
    const res = await t.inbound(api, {
      externalId: 'bidi-1',
      from: { handle: 'bidi@example.test', name: 'Invoice\u202Efdp.exe\u2066 x\u2069' },
      text: 'hi',
      subject: 'Refund\r\nBcc: all@example.test',
    });
    expect(res.status).toBe(200);
    const row = await db<{ subject: string; name: string }>(
      `SELECT t.subject, c.name FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1`,
      [res.body.ticketId],
    );
    expect(row).toEqual({ subject: 'Refund Bcc: all@example.test', name: 'Invoicefdp.exe x' });
  });

  it('a Telegram sender name loses bidi overrides and line breaks too', async () => {
    const update = telegramMessageUpdate({ fromId: 7770002, firstName: 'Eve\u202E\nlyn', text: 'hello' });
    const res = await t.request('POST', `/api/webhooks/telegram/${telegram.id}`, {
      body: update,
      headers: { 'x-telegram-bot-api-secret-token': bot.webhook!.secretToken! },
    });
    expect(res.status).toBe(200);
    const row = await db<{ name: string }>(
      `SELECT c.name FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE i.kind = 'telegram' AND i.address = '7770002'`,
      [],
    );
    expect(row?.name).toBe('Eve lyn');
  });

  it('team and user names shown in the console are kept on one line without bidi controls', async () => {
    const team = await as('POST', '/api/admin/teams', { name: 'Sup\u202Eport\r\nTeam' });
    expect(team.status).toBe(201);
    expect(team.body.name).toBe('Support Team');
  });
});
