import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationConsumer } from './notification-consumer.js';
import { NotificationMailSettings } from './notification-mail-settings.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationPreferences } from './notification-preferences.js';
import { NotificationSettingsController } from './notification-settings.controller.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** Notifications that reach agents: made from committed ticket events, listed and marked read by their owner. */
@Module({
  imports: [EventsModule, OutboxConsumersModule, TicketWriterModule],
  controllers: [NotificationsController, NotificationSettingsController],
  providers: [
    NotificationsService,
    NotificationConsumer,
    NotificationMailSettings,
    NotificationPreferences,
    NotificationMailer,
    // The mail password is sealed with the key that seals channel credentials.
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => new SecretBox(config.secretsKey!),
      inject: [APP_CONFIG],
    },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
