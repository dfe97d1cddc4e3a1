import { Injectable } from '@nestjs/common';
import { forbidden, rateLimited, unauthenticated, type Role } from '@switchboard/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken, type AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { SharedRequestBudget, type RequestBudget } from '../common/shared-request-budget.js';
import type { ApiTokenScope } from '@switchboard/contracts';
import { requiredScope } from './api-token-scopes.js';

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
 * and each client address has a request budget per minute (429 with Retry-After past it),
 * counted for the whole deployment, whichever node a request reaches.
 */
@Injectable()
export class ApiTokenAuth {
  private readonly perToken: RequestBudget = {
    bucket: 'api-token',
    limit: limitFromEnv('SWITCHBOARD_API_TOKEN_RATE_PER_MINUTE', 600),
    windowMs: 60_000,
  };
  private readonly perIp: RequestBudget = {
    bucket: 'api-token-ip',
    limit: limitFromEnv('SWITCHBOARD_API_IP_RATE_PER_MINUTE', 1200),
    windowMs: 60_000,
  };

  constructor(
    private readonly db: Db,
    private readonly budgets: SharedRequestBudget,
  ) {}

  isApiToken(token: string): boolean {
    return token.startsWith(API_TOKEN_PREFIX);
  }

  async authenticate(token: string, request: FastifyRequest, reply: FastifyReply): Promise<ApiTokenViewer> {
    await this.spend(this.perIp, request.ip, reply);
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
    await this.spend(this.perToken, row.id, reply);
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

  private async spend(budget: RequestBudget, key: string, reply: FastifyReply): Promise<void> {
    const wait = await this.budgets.spend(budget, key);
    if (wait === 0) return;
    void reply.header('retry-after', String(wait));
    throw rateLimited(`too many requests; at most ${budget.limit} a minute, try again in ${wait} s`);
  }
}
