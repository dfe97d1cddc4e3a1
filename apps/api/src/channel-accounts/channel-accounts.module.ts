import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import { SecretBox } from './secret-box.js';

/**
 * Channel accounts and their sealed credentials. Setting accounts up (ChannelAccountSetup and its
 * admin controller) lives in ChannelPortsModule, next to the adapter registry it checks against.
 */
@Module({
  providers: [
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => new SecretBox(config.secretsKey!),
      inject: [APP_CONFIG],
    },
    ChannelAccountsService,
  ],
  exports: [ChannelAccountsService],
})
export class ChannelAccountsModule {}
