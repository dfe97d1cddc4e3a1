import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TwoFactorController } from './two-factor.controller.js';
import { TwoFactorService } from './two-factor.service.js';

/** TOTP second factor; it joins the login through AuthModule's LoginSteps. */
@Module({
  imports: [AuthModule],
  controllers: [TwoFactorController],
  providers: [
    TwoFactorService,
    // The TOTP secret is sealed with the key that seals channel credentials.
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => new SecretBox(config.secretsKey!),
      inject: [APP_CONFIG],
    },
  ],
})
export class TwoFactorModule {}
