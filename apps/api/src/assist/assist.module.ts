import { Module } from '@nestjs/common';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AssistController } from './assist.controller.js';
import { TicketAssistService } from './ticket-assist.service.js';

/** Pluggable AI assist through an OpenAI-compatible endpoint: off until an admin configures it. */
@Module({
  controllers: [AssistController],
  providers: [
    TicketAssistService,
    // The provider's API key is sealed with the key that seals channel credentials.
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => new SecretBox(config.secretsKey!),
      inject: [APP_CONFIG],
    },
  ],
})
export class AssistModule {}
