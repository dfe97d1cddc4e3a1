import { Injectable } from '@nestjs/common';
import { forbidden, rateLimited, unauthenticated, type Role } from '@switchboard/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken, type AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import type { ApiTokenScope } from '@switchboard/contracts';
import { requiredScope } from './api-token-scopes.js';
import { RequestRateLimiter } from './request-rate-limiter.js';

/** API tokens start with this, so the guard can tell them from session tokens without a lookup. */
export const API_TOKEN_PREFIX = 'sbt_';

export interface ApiTokenViewer extends AuthenticatedViewer {
  readonly apiTokenId: string;
  readonly scopes: readonly ApiTokenScope[];
}

function limitFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

interface TokenRow {
  id: string;
  scopes: ApiTokenScope[];
  expired: boolean;
  revoked: boolean;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  team_ids: string[];
}

/**
 * Authenticates a request made with an API token: the token's owner is the viewer (their role
 * and teams scope what it sees), the route must be one of the token's scopes, and each token
 * and each client address has a request budget per minute (429 with Retry-After past it).
 */
@Injectable()
export class ApiTokenAuth {
  private readonly perToken = new RequestRateLimiter(
    limitFromEnv('SWITCHBOARD_API_TOKEN_RATE_PER_MINUTE', 600),
  );
  private readonly perIp = new RequestRateLimiter(limitFromEnv('SWITCHBOARD_API_IP_RATE_PER_MINUTE', 1200));

  constructor(private readonly db: Db) {}

  isApiToken(token: string): boolean {
    return token.startsWith(API_TOKEN_PREFIX);
  }

  async authenticate(token: string, request: FastifyRequest, reply: FastifyReply): Promise<ApiTokenViewer> {
    this.spend(this.perIp, `ip:${request.ip}`, reply);
    const row = await this.db.one<TokenRow>(
      `SELECT t.id, t.scopes, t.expires_at <= now() AS expired, t.revoked_at IS NOT NULL AS revoked,
              u.id AS user_id, u.email, u.name, u.role, u.active,
              ARRAY(SELECT team_id::text FROM team_memberships m WHERE m.user_id = u.id) AS team_ids
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
      [hashToken(token)],
    );
    if (!row) throw unauthenticated('unknown API token');
    if (row.revoked) throw unauthenticated('this API token was revoked');
    if (row.expired) throw unauthenticated('this API token expired');
    if (!row.active) throw unauthenticated("this API token's user is disabled");
    this.spend(this.perToken, row.id, reply);
    const route = `${request.routeOptions?.url ?? ''}`;
    const needed = requiredScope(request.method, route);
    if (needed === null) throw forbidden(`API tokens cannot use ${request.method} ${route}`);
    if (needed !== 'any' && !row.scopes.includes(needed))
      throw forbidden(`this API token lacks the ${needed} scope`);
    // Written at most once a minute per token: a busy integration does not turn reads into writes.
    await this.db.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [row.id],
    );
    return {
      apiTokenId: row.id,
      scopes: row.scopes,
      // No session: the token's id stands in, matching no session row.
      sessionId: row.id,
      userId: row.user_id,
      email: row.email,
      name: row.name,
      role: row.role,
      teamIds: row.team_ids,
    };
  }

  private spend(limiter: RequestRateLimiter, key: string, reply: FastifyReply): void {
    const wait = limiter.take(key);
    if (wait === 0) return;
    void reply.header('retry-after', String(wait));
    throw rateLimited(`too many requests; at most ${limiter.limit} a minute, try again in ${wait} s`);
  }
}
