import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { AiBotResponder } from './ai-bot-responder.js';
import { BotRunnerConsumer } from './bot-runner.consumer.js';
import { BotTicketsService } from './bot-tickets.service.js';
import { BotWebhookDispatcher } from './bot-webhook-dispatcher.js';
import { BotsController } from './bots.controller.js';
import { BotsService } from './bots.service.js';

/**
 * Bots on channel accounts: flow bots run here, external bots are posted to and answer through the
 * API, AI bots answer through the AI assist endpoint.
 */
@Module({
  imports: [OutboxConsumersModule, TicketWriterModule, SlaModule],
  controllers: [BotsController],
  providers: [
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => new SecretBox(config.secretsKey!),
      inject: [APP_CONFIG],
    },
    BotsService,
    BotTicketsService,
    BotRunnerConsumer,
    BotWebhookDispatcher,
    AiBotResponder,
  ],
})
export class BotsModule {}
