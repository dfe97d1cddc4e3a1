import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SsoConfigService } from './sso-config.service.js';
import { SsoController } from './sso.controller.js';
import { SsoLoginService } from './sso-login.service.js';

/** Single sign-on with an OpenID Connect provider; it joins password logins through AuthModule's LoginSteps. */
@Module({
  imports: [AuthModule],
  controllers: [SsoController],
  providers: [
    SsoConfigService,
    SsoLoginService,
    // The client secret and PKCE verifiers are sealed with the key that seals channel credentials.
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => new SecretBox(config.secretsKey!),
      inject: [APP_CONFIG],
    },
  ],
})
export class SsoModule {}
