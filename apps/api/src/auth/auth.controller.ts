import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Post, Req } from '@nestjs/common';
import { ChangePasswordBody, LoginBody } from '@switchboard/contracts';
import type { FastifyRequest } from 'fastify';
import { parseInput } from '../common/validation.js';
import { CurrentViewer, Public } from './auth.guard.js';
import { AuthService, toUserView, type AuthenticatedViewer } from './auth.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';

@Controller('auth')
export class AuthController {
  private readonly perIp = new LoginRateLimiter(30, 5 * 60_000);
  private readonly perAccount = new LoginRateLimiter(10, 5 * 60_000);

  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() req: FastifyRequest) {
    const input = parseInput(LoginBody, body);
    const accountKey = `${req.ip}|${input.email.toLowerCase()}`;
    if (!this.perIp.tryAttempt(req.ip) || !this.perAccount.tryAttempt(accountKey)) {
      throw new HttpException('too many login attempts; wait a few minutes and try again', HttpStatus.TOO_MANY_REQUESTS);
    }
    const session = await this.auth.login(input.email, input.password);
    this.perAccount.reset(accountKey);
    return session;
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
    await this.auth.changePassword(viewer, input.currentPassword, input.newPassword);
  }
}
