import { Body, Controller, Delete, Get, HttpCode, Post, Put, Redirect, Req, Res } from '@nestjs/common';
import { describeError, httpStatusOf, isDomainError, rateLimited } from '@switchboard/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { noteForAudit } from '../audit/audit.interceptor.js';
import { CurrentViewer, Public, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { SharedRateLimiter, type RateLimit } from '../auth/shared-rate-limiter.js';
import { parseInput } from '../common/validation.js';
import { SsoConfigService } from './sso-config.service.js';
import { SsoLoginService } from './sso-login.service.js';
import { SsoHandoffBody, SsoSettingsBody } from './sso-settings.schema.js';

/** Holds the state between start and callback in this browser only; scoped to the callback path. */
const STATE_COOKIE = 'sb_oidc_state';
const COOKIE_PATH = '/api/auth/oidc';
const STARTS_PER_IP: RateLimit = { bucket: 'sso-start-ip', limit: 60, windowMs: 60_000 };

function stateCookie(req: FastifyRequest, value: string, maxAgeSeconds: number): string {
  return [
    [STATE_COOKIE, value].join('='),
    `Path=${COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    // Lax: the provider's redirect back is a top-level GET, which Lax lets through.
    'SameSite=Lax',
    ...(req.protocol === 'https' ? ['Secure'] : []),
  ].join('; ');
}

function cookieValue(req: FastifyRequest, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** A person in a browser gets the console back with the reason; an API client gets the 4xx itself. */
const wantsPage = (req: FastifyRequest) => /text\/html/.test(String(req.headers.accept ?? ''));

/**
 * Sign-in with the workspace's OpenID Connect provider: start → the provider → callback → the
 * console with a one-time hand-off → exchange for the session a password login gives.
 */
@Controller()
export class SsoController {
  constructor(
    private readonly config: SsoConfigService,
    private readonly login: SsoLoginService,
    private readonly limits: SharedRateLimiter,
  ) {}

  /** What the login screen needs to offer the button; nothing about the provider itself. */
  @Public()
  @Get('auth/oidc')
  async info() {
    const view = await this.config.view();
    return view?.enabled
      ? { enabled: true, buttonLabel: view.buttonLabel, passwordLoginOff: view.ssoOnly }
      : { enabled: false, buttonLabel: null, passwordLoginOff: false };
  }

  @Public()
  @Get('auth/oidc/start')
  async start(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      // Each start stores a pending sign-in: limited per address, generously for a shared office.
      if (!(await this.limits.tryAttempt(STARTS_PER_IP, req.ip)))
        throw rateLimited('too many sign-ins started from this address; wait a minute and try again');
      const redirectUri = `${req.protocol}://${req.host}${COOKIE_PATH}/callback`;
      const { url, state } = await this.login.start(redirectUri);
      await reply
        .code(302)
        .header('set-cookie', stateCookie(req, state, 600))
        .header('cache-control', 'no-store')
        .header('location', url)
        .send();
    } catch (err) {
      if (!isDomainError(err) || !wantsPage(req)) throw err;
      // A provider that is down or misconfigured: back to the login screen with the reason.
      await reply
        .code(303)
        .header('cache-control', 'no-store')
        .header('location', `/?${new URLSearchParams({ ssoError: err.message })}`)
        .send();
    }
  }

  /**
   * Answers with a redirect that Nest sends after the audit interceptor has written its entry,
   * so whoever lands on the console can already find the sign-in in the log.
   */
  @Public()
  @Get('auth/oidc/callback')
  @Redirect()
  async callback(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const query = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
    void reply.header('set-cookie', stateCookie(req, '', 0)).header('cache-control', 'no-store');
    noteForAudit(req, { details: { method: 'sso' } });
    try {
      const user = await this.login.finish(query, cookieValue(req, STATE_COOKIE));
      noteForAudit(req, { actorId: user.userId, actorEmail: user.email, targetId: user.userId });
      const handoff = await this.login.handoff(user.userId);
      return {
        url: `/?${new URLSearchParams({ ssoHandoff: handoff })}`,
        statusCode: 303,
        created: user.created,
      };
    } catch (err) {
      if (!isDomainError(err) || !wantsPage(req)) throw err;
      noteForAudit(req, { details: { reason: describeError(err) } });
      return {
        url: `/?${new URLSearchParams({ ssoError: err.message })}`,
        statusCode: 303,
        refused: httpStatusOf(err.code),
      };
    }
  }

  /** The console trades its hand-off for `{ token, user }`, as the password login answers. */
  @Public()
  @Post('auth/oidc/exchange')
  @HttpCode(200)
  async exchange(@Body() body: unknown, @Req() req: FastifyRequest) {
    noteForAudit(req, { details: { method: 'sso' } });
    const { userId, email, session } = await this.login.exchange(parseInput(SsoHandoffBody, body).handoff);
    noteForAudit(req, { actorId: userId, actorEmail: email });
    return session;
  }

  @Get('admin/sso')
  @Roles('admin')
  async settings() {
    return (await this.config.view()) ?? { configured: false };
  }

  @Put('admin/sso')
  @Roles('admin')
  save(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.config.save(parseInput(SsoSettingsBody, body), viewer.userId);
  }

  @Delete('admin/sso')
  @Roles('admin')
  @HttpCode(204)
  async remove(): Promise<void> {
    await this.config.remove();
  }
}
