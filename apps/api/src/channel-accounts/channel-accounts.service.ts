import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ChannelAccountDirectory, ChannelAccountRecord } from '@switchboard/channel-kit';
import type { CreateChannelAccountBody } from '@switchboard/contracts';
import { Db } from '../common/db.js';
import { SecretBox } from './secret-box.js';

/** Config keys that are credentials: stored sealed, never returned or logged. */
const SECRET_KEYS = new Set(['password', 'authToken', 'pageAccessToken', 'appSecret', 'botToken', 'secretToken', 'verifyToken', 'signingSecret', 'identitySecret', 'imap', 'smtp']);


interface Row {
  id: string;
  kind: string;
  name: string;
  team_id: string | null;
  config: Record<string, unknown>;
  secrets: string | null;
  api_key_hash: string | null;
  active: boolean;
}

const CACHE_MS = 5_000;

@Injectable()
export class ChannelAccountsService implements ChannelAccountDirectory {
  private readonly cache = new Map<string, { at: number; record: ChannelAccountRecord | null }>();

  constructor(
    private readonly db: Db,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  /** Creates an account; the API kind gets an inbound key and a signing secret, returned once. */
  async create(input: CreateChannelAccountBody): Promise<{ id: string; apiKey?: string; signingSecret?: string }> {
    const config: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input.config)) (SECRET_KEYS.has(key) ? secrets : config)[key] = value;
    let apiKey: string | undefined;
    let signingSecret: string | undefined;
    if (input.kind === 'api') {
      apiKey = `sbk_${randomBytes(24).toString('base64url')}`;
      signingSecret = typeof secrets.signingSecret === 'string' ? secrets.signingSecret : randomBytes(24).toString('base64url');
      secrets.signingSecret = signingSecret;
    }
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO channel_accounts (kind, name, team_id, config, secrets, api_key_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.kind, input.name, input.teamId ?? null, config, Object.keys(secrets).length ? this.box.seal(secrets) : null, apiKey ? hashApiKey(apiKey) : null],
    );
    return { id: row!.id, apiKey, signingSecret };
  }

  /** An account with its credentials opened, cached briefly because every inbound call reads it. */
  async get(id: string): Promise<ChannelAccountRecord | null> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.record;
    const row = await this.db.one<Row>(`SELECT * FROM channel_accounts WHERE id = $1`, [id]);
    const record = row ? this.toRecord(row) : null;
    this.cache.set(id, { at: Date.now(), record });
    return record;
  }

  async list(): Promise<Array<Omit<ChannelAccountRecord, 'config' | 'apiKeyHash'> & { config: Record<string, unknown> }>> {
    const rows = await this.db.query<Row>(`SELECT * FROM channel_accounts ORDER BY created_at`);
    return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, teamId: r.team_id, active: r.active, config: r.config }));
  }

  private toRecord(row: Row): ChannelAccountRecord {
    const secrets = row.secrets ? this.box.open<Record<string, unknown>>(row.secrets) : {};
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      teamId: row.team_id,
      active: row.active,
      apiKeyHash: row.api_key_hash,
      config: { ...row.config, ...secrets },
    };
  }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
