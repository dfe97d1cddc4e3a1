import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InboundMailProcessor, readEmailConfig } from '@switchboard/channel-email';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

// The processor is driven directly: the IMAP path is covered by email-channel.spec.ts.
process.env.EMAIL_WATCHERS = 'off';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const fixtures = resolve(repoRoot, process.env['SWITCHBOARD_FIXTURES'] ?? '../shared/fixtures');
if (!existsSync(fixtures))
  throw new Error(
    `fixtures not found at ${fixtures}: set SWITCHBOARD_FIXTURES to the shared fixtures folder`,
  );
const dir = join(fixtures, 'mime');
const files = readdirSync(dir)
  .filter((n) => n.endsWith('.eml'))
  .sort();

describe('MIME corpus through the API: every mail becomes a ticket or a visible, explained quarantine record', () => {
  let t: TestApp;
  let dataDir: string;
  let admin: string;
  let account: { id: string; config: ReturnType<typeof readEmailConfig> };
  const outcomes: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-mime-'));
    t = await startTestApp({ dataDir });
    admin = await t.adminToken();
    const config = {
      address: 'support@example.com',
      imap: { host: '127.0.0.1', port: 1, secure: false, user: 'x', password: 'x' },
      smtp: { host: '127.0.0.1', port: 1, secure: false },
    };
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind: 'email', name: 'corpus', config },
    });
    account = { id: res.body.id, config: readEmailConfig(config) };
  });

  afterAll(async () => {
    console.log(`MIME corpus: ${files.length} mails → ${outcomes.join(', ')}`);
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has mail to test', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s', async (name) => {
    const raw = readFileSync(join(dir, name));
    const outcome = await t.app.get(InboundMailProcessor).process(account, raw, {});
    outcomes.push(`${name}: ${outcome.outcome}`);
    if (outcome.outcome === 'quarantined') {
      const listed = await t.request('GET', `/api/admin/email-quarantine?channelAccountId=${account.id}`, {
        token: admin,
      });
      const entry = listed.body.items.find((q: { id: string }) => q.id === outcome.quarantine.id);
      expect(entry.error.length).toBeGreaterThan(10);
      return;
    }
    if (outcome.outcome === 'bounce-recorded')
      throw new Error('no outbound mail exists, so no bounce can match');
    const ticket = await t.request('GET', `/api/tickets/${outcome.ticketId}`, { token: admin });
    expect(ticket.status).toBe(200);
    const timeline = await t.request('GET', `/api/tickets/${outcome.ticketId}/messages`, { token: admin });
    const message = timeline.body.items.find((i: { id: string }) => i.id === outcome.messageId);
    expect(message).toBeDefined();
    if (message.html) expect(message.html).not.toMatch(/<script|\son[a-z]+\s*=|javascript:/i);
    // The original is kept byte for byte and downloadable.
    const original = await fetch(`${t.url}/api/email/messages/${outcome.messageId}/raw`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(original.status).toBe(200);
    expect(Buffer.from(await original.arrayBuffer()).equals(raw)).toBe(true);
    // Processing the same bytes again stores nothing new.
    const again = await t.app.get(InboundMailProcessor).process(account, raw, {});
    expect(again.outcome).toBe('duplicate');
  });
});
