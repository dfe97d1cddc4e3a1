import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE as PUBLIC } from '@switchboard/channel-kit';
import { forbidden, unauthenticated, type Role } from '@switchboard/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiTokenAuth } from '../api-tokens/api-token-auth.js';
import { AuthService, type AuthenticatedViewer } from './auth.service.js';

const ROLES = 'switchboard:roles';

/** Marks a route that needs no agent token (login, health, provider webhooks with their own checks). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Limits a route to the given roles; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

type RequestWithViewer = FastifyRequest & { viewer?: AuthenticatedViewer };

/** Secure by default: every route needs a live bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiTokens: ApiTokenAuth,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Sockets authenticate once at the handshake (AgentsGateway); this guard is for HTTP.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithViewer>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('a bearer token is required');
    // An integration's token: scoped to some routes and rate limited (see ApiTokenAuth).
    const viewer = this.apiTokens.isApiToken(match[1])
      ? await this.apiTokens.authenticate(
          match[1],
          request,
          context.switchToHttp().getResponse<FastifyReply>(),
        )
      : await this.auth.viewerForToken(match[1]);
    // The sentence says what happened, and the console shows it on the login screen.
    if (!viewer) throw unauthenticated((await this.auth.whyEnded(match[1])).message);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(viewer.role)) throw forbidden(`requires role ${roles.join(' or ')}`);
    request.viewer = viewer;
    return true;
  }
}

/** The authenticated agent of this request; every read of tickets takes it. */
export const CurrentViewer = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedViewer => {
    const viewer = ctx.switchToHttp().getRequest<RequestWithViewer>().viewer;
    if (!viewer) throw unauthenticated('a bearer token is required');
    return viewer;
  },
);
