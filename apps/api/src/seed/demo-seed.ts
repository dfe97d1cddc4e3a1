import { Inject, Injectable, Logger } from '@nestjs/common';
import { WEB_CHAT_STORE, type WebChatStore } from '@switchboard/channel-kit';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { hashPassword } from '../auth/passwords.js';
import { ChannelAccountsService } from '../channel-accounts/channel-accounts.service.js';
import { Db } from '../common/db.js';
import { APP_CONFIG, generatePassword, type AppConfig } from '../config/app-config.js';
import { IngestService } from '../ingest/ingest.service.js';
import { DEFAULT_RULES } from '../rules/default-rules.js';
import { RuleStore } from '../rules/rule-store.js';
import { SlaAdminRepository } from '../sla/sla-admin.repository.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { TicketCommands } from '../tickets/ticket-commands.service.js';
import {
  DEMO_AGENTS,
  DEMO_ANSWERED_CHAT,
  DEMO_CALENDAR,
  DEMO_CHANNELS,
  DEMO_CONVERSATIONS,
  DEMO_POLICY,
  type DemoChannel,
} from './demo-content.js';

const SEED_LOCK = 4242;

/** The identity kind each demo channel's customers write from. */
const IDENTITY_KIND: Record<DemoChannel, string> = {
  email: 'email',
  sms: 'phone',
  chat: 'web_chat',
  api: 'api',
};

/** First start of an empty database: the admin, and (unless disabled) a small demo workspace. */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly db: Db,
    private readonly accounts: ChannelAccountsService,
    private readonly ingest: IngestService,
    private readonly slaAdmin: SlaAdminRepository,
    private readonly clocks: SlaClockService,
    private readonly commands: TicketCommands,
    private readonly rules: RuleStore,
    @Inject(WEB_CHAT_STORE) private readonly webChat: WebChatStore,
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
    const [admin] = await this.db.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash, role) VALUES ($1, 'Admin', $2, 'admin') RETURNING id`,
      [this.config.adminEmail, await hashPassword(adminPassword)],
    );
    const lines = ['', '  Switchboard is ready.', `  Admin login: ${this.config.adminEmail}`];
    if (!this.config.adminPassword) lines.push(`  Password (shown once): ${adminPassword}`);
    if (this.config.seedDemo) lines.push(...(await this.seedDemo(admin.id)));
    this.logger.log(lines.join('\n'));
  }

  private async seedDemo(adminId: string): Promise<string[]> {
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
    const agentIds = new Map<string, string>();
    for (const agent of DEMO_AGENTS) {
      const [user] = await this.db.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id`,
        [agent.email, agent.name, hash, agent.role],
      );
      agentIds.set(agent.email, user.id);
      await this.db.query(`INSERT INTO team_memberships (team_id, user_id) VALUES ($1, $2)`, [
        teams.get(agent.team),
        user.id,
      ]);
    }
    // The policy comes before the tickets, so their clocks start with their first message.
    const calendar = await this.slaAdmin.createCalendar(DEMO_CALENDAR.name, {
      ...DEMO_CALENDAR,
      holidays: [],
    });
    await this.slaAdmin.createPolicy({
      name: DEMO_POLICY.name,
      order: 0,
      conditions: {},
      calendarId: calendar.id,
      targets: DEMO_POLICY.targets,
      atRiskShare: 0.8,
      pauseOnHold: true,
      restartOnCustomerAfterSolve: false,
      customerAfterSolveGraceSeconds: 600,
      escalations: [],
      active: true,
    });
    this.clocks.invalidatePolicies();
    for (const rule of DEFAULT_RULES) await this.rules.create(rule); // off until an admin turns them on

    const accountIds = {} as Record<DemoChannel, string>;
    let apiKey = '';
    for (const [channel, spec] of Object.entries(DEMO_CHANNELS) as [
      DemoChannel,
      (typeof DEMO_CHANNELS)[DemoChannel],
    ][]) {
      const created = await this.accounts.create({
        kind: spec.kind,
        name: spec.name,
        teamId: teams.get('Support')!,
        config: {},
      });
      // Marked before anything can be sent through it; no admin edit can clear the mark.
      await this.db.query(`UPDATE channel_accounts SET demo = true WHERE id = $1`, [created.id]);
      accountIds[channel] = created.id;
      if (channel === 'api') apiKey = created.apiKey ?? '';
    }
    const addressOf = (channel: DemoChannel, address: string) =>
      channel === 'chat' ? `${accountIds.chat}:${address}` : address;

    const admin = await this.viewer(adminId);
    for (const [i, c] of DEMO_CONVERSATIONS.entries()) {
      const { ticketId } = await this.ingest.ingest({
        channelAccountId: accountIds[c.channel],
        externalId: `demo-${c.channel}-${i}`,
        from: { kind: IDENTITY_KIND[c.channel], address: addressOf(c.channel, c.address), name: c.name },
        text: c.text,
        ...(c.subject ? { subject: c.subject, threadKey: `<demo-${i}@demo.switchboard.invalid>` } : {}),
        meta: { demo: true },
      });
      if (c.tags) await this.commands.patch(admin, ticketId, { tags: c.tags });
    }

    // A solved chat with a reply and the customer's satisfaction answer, for the dashboard's CSAT.
    const answered = await this.ingest.ingest({
      channelAccountId: accountIds.chat,
      externalId: 'demo-chat-answered',
      from: {
        kind: 'web_chat',
        address: addressOf('chat', DEMO_ANSWERED_CHAT.address),
        name: DEMO_ANSWERED_CHAT.name,
      },
      text: DEMO_ANSWERED_CHAT.text,
      meta: { demo: true },
    });
    const ana = await this.viewer(agentIds.get('ana@switchboard.local')!);
    await this.commands.postMessage(ana, answered.ticketId, {
      kind: 'reply',
      body: DEMO_ANSWERED_CHAT.reply,
    });
    await this.commands.patch(ana, answered.ticketId, { status: 'solved', assigneeId: ana.userId });
    await this.webChat.saveSurvey(
      answered.ticketId,
      DEMO_ANSWERED_CHAT.csat.score,
      DEMO_ANSWERED_CHAT.csat.comment,
    );

    return [
      `  Demo agents (password ${agentPassword}): ${DEMO_AGENTS.map((a) => a.email).join(', ')}`,
      `  Demo API channel ${accountIds.api}, X-Api-Key ${apiKey}`,
      '  Demo channels record replies (Admin → Channels) and never send them anywhere.',
    ];
  }

  private async viewer(userId: string): Promise<AuthenticatedViewer> {
    const [user] = await this.db.query<{ role: AuthenticatedViewer['role']; name: string; email: string }>(
      `SELECT role, name, email FROM users WHERE id = $1`,
      [userId],
    );
    const teams = await this.db.query<{ team_id: string }>(
      `SELECT team_id FROM team_memberships WHERE user_id = $1`,
      [userId],
    );
    return {
      userId,
      role: user.role,
      name: user.name,
      email: user.email,
      sessionId: 'demo-seed',
      teamIds: teams.map((t) => t.team_id),
    };
  }
}
