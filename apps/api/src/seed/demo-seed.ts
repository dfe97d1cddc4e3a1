import { Inject, Injectable, Logger } from '@nestjs/common';
import { hashPassword } from '../auth/passwords.js';
import { ChannelAccountsService } from '../channel-accounts/channel-accounts.service.js';
import { Db } from '../common/db.js';
import { APP_CONFIG, generatePassword, type AppConfig } from '../config/app-config.js';
import { IngestService } from '../ingest/ingest.service.js';

const SEED_LOCK = 4242;

const DEMO_AGENTS = [
  { email: 'ana@switchboard.local', name: 'Ana Agent', role: 'agent', team: 'Support' },
  { email: 'ben@switchboard.local', name: 'Ben Billing', role: 'agent', team: 'Billing' },
  { email: 'sam@switchboard.local', name: 'Sam Supervisor', role: 'supervisor', team: 'Support' },
] as const;

const DEMO_MESSAGES = [
  {
    handle: 'maria@example.com',
    name: 'Maria Lopez',
    text: 'My order #5521 arrived damaged. Can I get a replacement?',
  },
  {
    handle: 'tom@example.com',
    name: 'Tom Becker',
    text: 'How do I reset my password? The link in the email expired.',
  },
  { handle: 'li@example.com', name: 'Li Wei', text: 'I was charged twice for my subscription this month.' },
  {
    handle: 'sara@example.com',
    name: 'Sara Okafor',
    text: 'Is there a way to export all my invoices as PDF?',
  },
];

/** First start of an empty database: the admin, and (unless disabled) a small demo workspace. */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly db: Db,
    private readonly accounts: ChannelAccountsService,
    private readonly ingest: IngestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seedIfEmpty(): Promise<void> {
    // Several nodes starting at once seed once: the first holds the lock, the others then find users.
    await this.db.withLock(SEED_LOCK, async () => {
      const [{ count }] = await this.db.query<{ count: string }>(`SELECT count(*) FROM users`);
      if (Number(count) === 0) await this.seed();
    });
  }

  private async seed(): Promise<void> {
    const adminPassword = this.config.adminPassword ?? generatePassword();
    await this.db.query(
      `INSERT INTO users (email, name, password_hash, role) VALUES ($1, 'Admin', $2, 'admin')`,
      [this.config.adminEmail, await hashPassword(adminPassword)],
    );
    const lines = ['', '  Switchboard is ready.', `  Admin login: ${this.config.adminEmail}`];
    if (!this.config.adminPassword) lines.push(`  Password (shown once): ${adminPassword}`);
    if (this.config.seedDemo) lines.push(...(await this.seedDemo()));
    this.logger.log(lines.join('\n'));
  }

  private async seedDemo(): Promise<string[]> {
    const teams = new Map<string, string>();
    for (const name of ['Support', 'Billing']) {
      const [team] = await this.db.query<{ id: string }>(
        `INSERT INTO teams (name) VALUES ($1) RETURNING id`,
        [name],
      );
      teams.set(name, team.id);
    }
    const agentPassword = generatePassword();
    const hash = await hashPassword(agentPassword);
    for (const agent of DEMO_AGENTS) {
      const [user] = await this.db.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id`,
        [agent.email, agent.name, hash, agent.role],
      );
      await this.db.query(`INSERT INTO team_memberships (team_id, user_id) VALUES ($1, $2)`, [
        teams.get(agent.team),
        user.id,
      ]);
    }
    const account = await this.accounts.create({
      kind: 'api',
      name: 'Website API',
      teamId: teams.get('Support')!,
      config: {},
    });
    for (const [i, m] of DEMO_MESSAGES.entries()) {
      await this.ingest.ingest({
        channelAccountId: account.id,
        externalId: `demo-${i}`,
        from: { kind: 'api', address: m.handle, name: m.name },
        text: m.text,
      });
    }
    return [
      `  Demo agents (password ${agentPassword}): ${DEMO_AGENTS.map((a) => a.email).join(', ')}`,
      `  Demo API channel ${account.id}, X-Api-Key ${account.apiKey}`,
    ];
  }
}
