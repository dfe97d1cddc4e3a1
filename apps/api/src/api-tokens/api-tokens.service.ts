import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { notFound } from '@switchboard/domain';
import { hashToken } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { API_TOKEN_PREFIX } from './api-token-auth.js';
import type { ApiTokenScope, ApiTokenView } from '@switchboard/contracts';

interface Row {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toView = (r: Row): ApiTokenView => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/** A person's API tokens: the secret is shown once at creation and kept only as a hash. */
@Injectable()
export class ApiTokensService {
  constructor(private readonly db: Db) {}

  async create(
    userId: string,
    input: { name: string; scopes: ApiTokenScope[]; expiresAt?: string | null },
  ): Promise<ApiTokenView & { token: string }> {
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [row] = await this.db.query<Row>(
      `INSERT INTO api_tokens (user_id, name, token_hash, scopes, expires_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, name, scopes, created_at, expires_at, last_used_at, revoked_at`,
      [userId, input.name, hashToken(token), [...new Set(input.scopes)], input.expiresAt ?? null],
    );
    return { ...toView(row), token };
  }

  async list(userId: string): Promise<ApiTokenView[]> {
    const rows = await this.db.query<Row>(
      `SELECT id, name, scopes, created_at, expires_at, last_used_at, revoked_at
         FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC`,
      [userId],
    );
    return rows.map(toView);
  }

  /** Revoking is at once: the next request with the token is a 401. Someone else's token is a 404. */
  async revoke(userId: string, id: string): Promise<void> {
    const [row] = await this.db.query(
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING 1`,
      [id, userId],
    );
    if (!row) throw notFound('API token not found');
  }
}
