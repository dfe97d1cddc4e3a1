import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BotAiSettings,
  type BotBody,
  type BotCreatedView,
  type BotFlow,
  type BotView,
} from '@switchboard/contracts';
import { conflict, invalid, notFound } from '@switchboard/domain';
import { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { aiBotBlocker } from './ai-bot-availability.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db, type Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { fieldDefinitions } from '../custom-fields/custom-field-store.js';
import { flowProblem } from './bot-flow.js';

export interface BotRow {
  id: string;
  name: string;
  kind: 'flow' | 'external' | 'ai';
  channel_account_id: string;
  active: boolean;
  handoff_team_id: string | null;
  flow: BotFlow | null;
  webhook_url: string | null;
  ai: BotAiSettings | null;
  signing_secret_sealed: string | null;
  api_token_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const toView = (r: BotRow): BotView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  channelAccountId: r.channel_account_id,
  active: r.active,
  handoffTeamId: r.handoff_team_id,
  flow: r.flow,
  webhookUrl: r.webhook_url,
  ai: r.ai,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * Bots as admins configure them. A flow is checked whole when saved (a loop, a step that does not
 * exist, a team or custom field that does not exist are each a 400 naming where), so the runner
 * never meets a flow it cannot walk. An external bot gets a signing secret for the webhooks it
 * receives and an API token to answer with, both shown once. An active AI bot needs AI assist on
 * for its team: otherwise it could only hand every customer straight on.
 */
@Injectable()
export class BotsService {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly tokens: ApiTokensService,
  ) {}

  async list(): Promise<{ items: BotView[] }> {
    const rows = await this.db.query<BotRow>(`SELECT * FROM bots ORDER BY created_at`);
    return { items: rows.map(toView) };
  }

  async get(id: string): Promise<BotView> {
    return toView(await this.row(this.db, id));
  }

  async create(viewer: AuthenticatedViewer, input: BotBody): Promise<BotCreatedView> {
    await this.check(input);
    const secret = input.kind === 'external' ? `whsec_${randomBytes(24).toString('base64url')}` : null;
    const token =
      input.kind === 'external'
        ? await this.tokens.create(viewer.userId, { name: `Bot: ${input.name}`, scopes: ['tickets:write'] })
        : null;
    const row = await this.write(this.db, null, input, {
      sealed: secret ? this.box.seal(secret) : null,
      apiTokenId: token?.id ?? null,
    });
    return {
      ...toView(row),
      ...(secret ? { signingSecret: secret } : {}),
      ...(token ? { apiToken: token.token } : {}),
    };
  }

  async update(viewer: AuthenticatedViewer, id: string, input: BotBody): Promise<BotCreatedView> {
    const before = await this.row(this.db, id);
    await this.check(input);
    // A bot that becomes external needs its secret and token; it keeps them across later edits.
    const needsCredentials = input.kind === 'external' && !before.signing_secret_sealed;
    const secret = needsCredentials ? `whsec_${randomBytes(24).toString('base64url')}` : null;
    const token =
      input.kind === 'external' && !before.api_token_id
        ? await this.tokens.create(viewer.userId, { name: `Bot: ${input.name}`, scopes: ['tickets:write'] })
        : null;
    const row = await this.write(this.db, id, input, {
      sealed: secret ? this.box.seal(secret) : before.signing_secret_sealed,
      apiTokenId: token?.id ?? before.api_token_id,
    });
    return {
      ...toView(row),
      ...(secret ? { signingSecret: secret } : {}),
      ...(token ? { apiToken: token.token } : {}),
    };
  }

  /** A bot still holding tickets is not deleted: they would be left in no queue at all. */
  async remove(id: string): Promise<void> {
    await this.row(this.db, id);
    const [held] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE bot_id = $1`,
      [id],
    );
    if (held.n > 0)
      throw conflict(
        `the bot still holds ${held.n} ticket(s); deactivate it and let them be handed off first`,
      );
    await this.db.query(`DELETE FROM bots WHERE id = $1`, [id]);
  }

  /** The webhook signing secret of an external bot (for the dispatcher; never logged). */
  signingSecretOf(row: Pick<BotRow, 'signing_secret_sealed'>): string | null {
    return row.signing_secret_sealed ? this.box.open<string>(row.signing_secret_sealed) : null;
  }

  async row(sql: Sql, id: string): Promise<BotRow> {
    if (!isUuid(id)) throw notFound('bot not found');
    const [row] = await sql.query<BotRow>(`SELECT * FROM bots WHERE id = $1`, [id]);
    if (!row) throw notFound('bot not found');
    return row;
  }

  private async write(
    sql: Sql,
    id: string | null,
    input: BotBody,
    credentials: { sealed: string | null; apiTokenId: string | null },
  ): Promise<BotRow> {
    const values = [
      input.name,
      input.kind,
      input.channelAccountId,
      input.active,
      input.handoffTeamId ?? null,
      input.kind === 'flow' ? JSON.stringify(input.flow) : null,
      input.kind === 'external' ? input.webhookUrl : null,
      credentials.sealed,
      credentials.apiTokenId,
      input.kind === 'ai' ? JSON.stringify(input.ai ?? BotAiSettings.parse({})) : null,
    ];
    try {
      const [row] = id
        ? await sql.query<BotRow>(
            `UPDATE bots SET name = $2, kind = $3, channel_account_id = $4, active = $5, handoff_team_id = $6,
                    flow = $7, webhook_url = $8, signing_secret_sealed = $9, api_token_id = $10, ai = $11,
                    updated_at = now()
              WHERE id = $1 RETURNING *`,
            [id, ...values],
          )
        : await sql.query<BotRow>(
            `INSERT INTO bots (name, kind, channel_account_id, active, handoff_team_id, flow, webhook_url, signing_secret_sealed,
                               api_token_id, ai)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
            values,
          );
      return row;
    } catch (err) {
      if ((err as { constraint?: string }).constraint === 'ux_bots_active_account')
        throw conflict('channelAccountId: another active bot already answers on this channel account');
      throw err;
    }
  }

  /** Everything the body names must exist, and the flow must be walkable. */
  private async check(input: BotBody): Promise<void> {
    const [account] = await this.db.query(`SELECT 1 FROM channel_accounts WHERE id = $1`, [
      input.channelAccountId,
    ]);
    if (!account) throw invalid('channelAccountId: no channel account with this id');
    const teamIds = [
      ...(input.handoffTeamId ? [{ field: 'handoffTeamId', id: input.handoffTeamId }] : []),
      ...(input.flow?.steps ?? []).flatMap((s, i) =>
        s.type === 'handoff' && s.teamId ? [{ field: `flow.steps[${i}].teamId`, id: s.teamId }] : [],
      ),
    ];
    if (teamIds.length) {
      const known = await this.db.query<{ id: string }>(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [
        teamIds.map((t) => t.id),
      ]);
      const missing = teamIds.find((t) => !known.some((k) => k.id === t.id));
      if (missing) throw invalid(`${missing.field}: no team with this id`);
    }
    if (input.kind === 'ai' && input.active) {
      const blocker = await aiBotBlocker(this.db, this.box, {
        handoffTeamId: input.handoffTeamId ?? null,
        channelAccountId: input.channelAccountId,
      });
      if (blocker) throw invalid(`kind: an active AI bot needs AI assist on for its team (${blocker})`);
    }
    if (input.kind !== 'flow' || !input.flow) return;
    const problem = flowProblem(input.flow);
    if (problem) throw invalid(`flow.${problem}`);
    for (const [i, step] of input.flow.steps.entries()) {
      if (step.type !== 'ask' || !step.store) continue;
      const fields = await fieldDefinitions(this.db, step.store.on);
      if (!fields.some((f) => f.key === step.store!.field))
        throw invalid(
          `flow.steps[${i}].store.field: no ${step.store.on} custom field has the key "${step.store.field}"`,
        );
    }
  }
}
