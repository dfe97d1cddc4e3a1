import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ROLES, rateLimited } from '@switchboard/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { noteForAudit } from '../audit/audit.interceptor.js';
import { CurrentViewer, Public, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { SharedRateLimiter, type RateLimit } from '../auth/shared-rate-limiter.js';
import { parseInput, isUuid } from '../common/validation.js';
import { notFound } from '@switchboard/domain';
import { TwoFactorService } from './two-factor.service.js';

const Code = z.string().trim().min(6, 'must be the 6-digit code or a recovery code').max(40);
export const TwoFactorCodeBody = z.strictObject({ code: Code });
export const TwoFactorChallengeBody = z.strictObject({ challenge: z.string().min(20).max(200) });
export const TwoFactorVerifyBody = z.strictObject({ challenge: z.string().min(20).max(200), code: Code });
export const TwoFactorPolicyBody = z.strictObject({ requiredRoles: z.array(z.enum(ROLES)).max(3) });

const tooMany = () => rateLimited('too many code attempts; wait a few minutes and try again');

/**
 * The second factor. Codes are guessable in a million tries, so every door that takes one is
 * limited per account and per client address on top of the per-challenge attempt count.
 */
const PER_IP: RateLimit = { bucket: '2fa-ip', limit: 30, windowMs: 5 * 60_000 };
const PER_USER: RateLimit = { bucket: '2fa-user', limit: 10, windowMs: 5 * 60_000 };

@Controller()
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly limits: SharedRateLimiter,
  ) {}

  /** Counted on every node alike, as the password's limits are. */
  private async limit(req: FastifyRequest, userId: string): Promise<void> {
    if (!(await this.limits.tryAttempt(PER_IP, req.ip)) || !(await this.limits.tryAttempt(PER_USER, userId)))
      throw tooMany();
  }

  private async passed(req: FastifyRequest, userId: string): Promise<void> {
    await this.limits.refund(PER_IP, req.ip);
    await this.limits.reset(PER_USER, userId);
  }

  @Get('auth/2fa')
  status(@CurrentViewer() viewer: AuthenticatedViewer) {
    return this.twoFactor.status(viewer.userId, viewer.role);
  }

  @Post('auth/2fa/setup')
  @HttpCode(200)
  setup(@CurrentViewer() viewer: AuthenticatedViewer) {
    return this.twoFactor.setup(viewer.userId, viewer.email);
  }

  @Post('auth/2fa/enable')
  @HttpCode(200)
  async enable(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
  ) {
    const { code } = parseInput(TwoFactorCodeBody, body);
    await this.limit(req, viewer.userId);
    const result = await this.twoFactor.enable(viewer.userId, code);
    await this.passed(req, viewer.userId);
    return result;
  }

  @Post('auth/2fa/disable')
  @HttpCode(204)
  async disable(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
  ) {
    const { code } = parseInput(TwoFactorCodeBody, body);
    await this.limit(req, viewer.userId);
    await this.twoFactor.disable(viewer, code);
    await this.passed(req, viewer.userId);
  }

  @Post('auth/2fa/recovery-codes')
  @HttpCode(200)
  async recoveryCodes(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
  ) {
    const { code } = parseInput(TwoFactorCodeBody, body);
    await this.limit(req, viewer.userId);
    const result = await this.twoFactor.regenerateRecoveryCodes(viewer.userId, code);
    await this.passed(req, viewer.userId);
    return result;
  }

  /** The code step of a login: answers `{ token, user }` like the password step does without a factor. */
  @Public()
  @Post('auth/2fa/verify')
  @HttpCode(200)
  async verify(@Body() body: unknown, @Req() req: FastifyRequest) {
    const { challenge, code } = parseInput(TwoFactorVerifyBody, body);
    const owner = await this.twoFactor.openChallenge(challenge, 'verify');
    noteForAudit(req, { actorId: owner.userId, actorEmail: owner.email, details: { secondFactor: true } });
    await this.limit(req, owner.userId);
    const { session, method } = await this.twoFactor.verifyLogin(challenge, code);
    noteForAudit(req, { details: { method } });
    await this.passed(req, owner.userId);
    return session;
  }

  /** Enrolment the role policy demands, before the first session: the secret to scan. */
  @Public()
  @Post('auth/2fa/enrol/setup')
  @HttpCode(200)
  enrolSetup(@Body() body: unknown) {
    return this.twoFactor.setupForChallenge(parseInput(TwoFactorChallengeBody, body).challenge);
  }

  /** Finishes that enrolment with a first code: `{ token, user, recoveryCodes }`. */
  @Public()
  @Post('auth/2fa/enrol')
  @HttpCode(200)
  async enrol(@Body() body: unknown, @Req() req: FastifyRequest) {
    const { challenge, code } = parseInput(TwoFactorVerifyBody, body);
    const owner = await this.twoFactor.openChallenge(challenge, 'enrol');
    noteForAudit(req, { actorId: owner.userId, actorEmail: owner.email, details: { duringLogin: true } });
    await this.limit(req, owner.userId);
    const { session, recoveryCodes } = await this.twoFactor.enrolAndLogin(challenge, code);
    await this.passed(req, owner.userId);
    return { ...session, recoveryCodes };
  }

  @Get('admin/security/two-factor-policy')
  @Roles('admin')
  async policy() {
    return { requiredRoles: await this.twoFactor.requiredRoles() };
  }

  @Put('admin/security/two-factor-policy')
  @Roles('admin')
  setPolicy(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.twoFactor.setRequiredRoles(
      parseInput(TwoFactorPolicyBody, body).requiredRoles,
      viewer.userId,
    );
  }

  /** For someone who lost their phone and their recovery codes: they enrol again at the next login. */
  @Delete('admin/users/:id/two-factor')
  @Roles('admin')
  @HttpCode(204)
  async reset(@Param('id') id: string) {
    if (!isUuid(id)) throw notFound('user not found');
    await this.twoFactor.reset(id);
  }
}
