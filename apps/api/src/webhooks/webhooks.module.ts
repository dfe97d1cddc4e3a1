import { Module } from '@nestjs/common';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookEventConsumer } from './webhook-event-consumer.js';
import { WebhookFailures } from './webhook-failures.js';
import { WebhookLogRetention } from './webhook-log-retention.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Event webhooks: admin endpoints, deliveries made from the committed outbox, and their dispatcher. */
@Module({
  imports: [OutboxConsumersModule, NotificationsModule, TicketWriterModule],
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhookEventConsumer,
    WebhookDispatcher,
    WebhookFailures,
    WebhookLogRetention,
    // Signing secrets are sealed with the key that seals channel credentials.
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => new SecretBox(config.secretsKey!),
      inject: [APP_CONFIG],
    },
  ],
})
export class WebhooksModule {}
