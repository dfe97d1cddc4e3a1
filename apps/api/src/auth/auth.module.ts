import { Module } from '@nestjs/common';
import { AccessChanges } from './access-changes.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginSteps } from './login-steps.js';
import { SessionRevocations } from './session-revocations.js';
import { SharedRateLimiter } from './shared-rate-limiter.js';

/** Sessions and logins. The guard itself is registered app-wide (APP_GUARD) in AppModule. */
@Module({
  controllers: [AuthController],
  providers: [AuthService, SessionRevocations, AccessChanges, SharedRateLimiter, LoginSteps],
  exports: [AuthService, SessionRevocations, AccessChanges, SharedRateLimiter, LoginSteps],
})
export class AuthModule {}
