import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ChangePasswordBody, LoginBody } from '@switchboard/contracts';
import { isDomainError, rateLimited } from '@switchboard/domain';
import type { FastifyRequest } from 'fastify';
import { parseInput } from '../common/validation.js';
import { CurrentViewer, Public } from './auth.guard.js';
import { AuthService, toUserView, type AuthenticatedViewer } from './auth.service.js';
import { SharedRateLimiter, type RateLimit } from './shared-rate-limiter.js';
import { LoginSteps } from './login-steps.js';
import { noteForAudit } from '../audit/audit.interceptor.js';

const tooManyAttempts = (what: 'login' | 'password') =>
  rateLimited(`too many ${what} attempts; wait a few minutes and try again`);

/**
 * Password guessing is limited twice: per client address (`req.ip`, which believes forwarded
 * headers only from TRUST_PROXY), and per account whatever the address, so neither a botnet
 * against one account nor one address against many accounts gets far. The counts are shared
 * by every node, so spreading attempts over nodes gains nothing.
 */
const PER_IP: RateLimit = { bucket: 'login-ip', limit: 30, windowMs: 5 * 60_000 };
const PER_ACCOUNT: RateLimit = { bucket: 'login-account', limit: 10, windowMs: 5 * 60_000 };
/** Someone holding a stolen token must not be able to guess the password through this door either. */
const PASSWORD_CHECKS: RateLimit = { bucket: 'password-check', limit: 10, windowMs: 5 * 60_000 };

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limits: SharedRateLimiter,
    private readonly steps: LoginSteps,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() req: FastifyRequest) {
    const input = parseInput(LoginBody, body);
    const account = input.email.trim().toLowerCase();
    if (
      !(await this.limits.tryAttempt(PER_IP, req.ip)) ||
      !(await this.limits.tryAttempt(PER_ACCOUNT, account))
    )
      throw tooManyAttempts('login');
    const user = await this.auth.checkPassword(input.email, input.password);
    // A whole office behind one address signs in all morning: only failures count against it.
    await this.limits.refund(PER_IP, req.ip);
    await this.limits.reset(PER_ACCOUNT, account);
    // A second factor, when due, comes before any session exists.
    const pending = await this.steps.afterPassword(user.id);
    if (pending) {
      noteForAudit(req, { actorId: user.id, actorEmail: user.email });
      return pending;
    }
    return this.auth.startSession(user.id);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentViewer() viewer: AuthenticatedViewer): Promise<void> {
    await this.auth.logout(viewer);
  }

  @Get('me')
  me(@CurrentViewer() viewer: AuthenticatedViewer) {
    return toUserView(viewer);
  }

  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown): Promise<void> {
    const input = parseInput(ChangePasswordBody, body);
    if (!(await this.limits.tryAttempt(PASSWORD_CHECKS, viewer.userId))) throw tooManyAttempts('password');
    try {
      await this.auth.changePassword(viewer, input.currentPassword, input.newPassword);
    } catch (err) {
      // A refused new password comes only after the current one was proven right.
      if (isDomainError(err) && err.code === 'invalid')
        await this.limits.reset(PASSWORD_CHECKS, viewer.userId);
      throw err;
    }
    await this.limits.reset(PASSWORD_CHECKS, viewer.userId);
  }
}
