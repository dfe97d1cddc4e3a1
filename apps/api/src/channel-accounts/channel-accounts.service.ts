import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ChannelAccountDirectory, ChannelAccountRecord } from '@switchboard/channel-kit';
import type { CreateChannelAccountBody } from '@switchboard/contracts';
import { invalid } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { splitSealed, withoutCredentials } from './channel-account-config.js';
import { SecretBox } from './secret-box.js';

interface Row {
  id: string;
  kind: string;
  name: string;
  team_id: string | null;
  config: Record<string, unknown>;
  secrets: string | null;
  api_key_hash: string | null;
  active: boolean;
  demo: boolean;
}

const CACHE_MS = 5_000;
const FOREIGN_KEY_VIOLATION = '23503';

/** What an edit may change; `config` is the whole new config, already checked by the adapter. */
export interface ChannelAccountChanges {
  name?: string;
  teamId?: string | null;
  active?: boolean;
  config?: Record<string, unknown>;
}

export type ChannelAccountListItem = Omit<ChannelAccountRecord, 'config' | 'apiKeyHash'> & {
  config: Record<string, unknown>;
};

@Injectable()
export class ChannelAccountsService implements ChannelAccountDirectory {
  private readonly cache = new Map<string, { at: number; record: ChannelAccountRecord | null }>();

  constructor(
    private readonly db: Db,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  /** Creates an account; the API kind gets an inbound key and a signing secret, returned once. */
  async create(
    input: CreateChannelAccountBody,
  ): Promise<{ id: string; apiKey?: string; signingSecret?: string }> {
    const { plain: config, sealed: secrets } = splitSealed(input.config);
    let apiKey: string | undefined;
    let signingSecret: string | undefined;
    if (input.kind === 'api') {
      apiKey = newApiKey();
      signingSecret =
        typeof secrets.signingSecret === 'string'
          ? secrets.signingSecret
          : randomBytes(24).toString('base64url');
      secrets.signingSecret = signingSecret;
    }
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO channel_accounts (kind, name, team_id, config, secrets, api_key_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        input.kind,
        input.name,
        input.teamId ?? null,
        config,
        Object.keys(secrets).length ? this.box.seal(secrets) : null,
        apiKey ? hashApiKey(apiKey) : null,
      ],
    );
    return { id: row!.id, apiKey, signingSecret };
  }

  /**
   * An account with its credentials opened, cached briefly because every inbound call reads it.
   * Edits clear this node's entry at once; other nodes see them within CACHE_MS.
   */
  async get(id: string): Promise<ChannelAccountRecord | null> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.record;
    return this.fresh(id);
  }

  /** Read past the cache: an edit must merge onto what is stored, not onto a copy seconds old. */
  async fresh(id: string): Promise<ChannelAccountRecord | null> {
    const row = await this.db.one<Row>(`SELECT * FROM channel_accounts WHERE id = $1`, [id]);
    const record = row ? this.toRecord(row) : null;
    this.cache.set(id, { at: Date.now(), record });
    return record;
  }

  /** Every account for the admin screen: settings (including those sealed at rest) without a credential. */
  async list(): Promise<ChannelAccountListItem[]> {
    const rows = await this.db.query<Row>(`SELECT * FROM channel_accounts ORDER BY created_at`);
    return rows.map((r) => listItem(this.toRecord(r)));
  }

  /** Applies an edit; credentials in `config` are sealed exactly as on create. Null when the account does not exist. */
  async update(id: string, changes: ChannelAccountChanges): Promise<ChannelAccountListItem | null> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => sets.push(`${column} = $${params.push(value)}`);
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.teamId !== undefined) set('team_id', changes.teamId);
    if (changes.active !== undefined) set('active', changes.active);
    if (changes.config !== undefined) {
      const { plain, sealed } = splitSealed(changes.config);
      set('config', plain);
      set('secrets', Object.keys(sealed).length ? this.box.seal(sealed) : null);
    }
    if (sets.length === 0) return this.fresh(id).then((r) => r && listItem(r));
    try {
      const rows = await this.db.query<{ id: string }>(
        `UPDATE channel_accounts SET ${sets.join(', ')} WHERE id = $1 RETURNING id`,
        params,
      );
      if (rows.length === 0) return null;
    } catch (err) {
      if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw invalid('teamId: unknown team');
      throw err;
    }
    const record = await this.fresh(id);
    return record && listItem(record);
  }

  /** A new inbound key for an API account, returned once; the old one stops working on this node at once. */
  async rotateApiKey(id: string): Promise<string | null> {
    const apiKey = newApiKey();
    const rows = await this.db.query(
      `UPDATE channel_accounts SET api_key_hash = $2 WHERE id = $1 AND kind = 'api' RETURNING id`,
      [id, hashApiKey(apiKey)],
    );
    this.cache.delete(id);
    return rows.length ? apiKey : null;
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
      demo: row.demo,
      config: { ...row.config, ...secrets },
    };
  }
}

function newApiKey(): string {
  return `sbk_${randomBytes(24).toString('base64url')}`;
}

function listItem(record: ChannelAccountRecord): ChannelAccountListItem {
  return {
    id: record.id,
    kind: record.kind,
    name: record.name,
    teamId: record.teamId,
    active: record.active,
    config: withoutCredentials(record.config),
  };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
