import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { NotificationConsumer } from './notification-consumer.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** Notifications that reach agents: made from committed ticket events, listed and marked read by their owner. */
@Module({
  imports: [EventsModule, OutboxConsumersModule, TicketWriterModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationConsumer],
  exports: [NotificationsService],
})
export class NotificationsModule {}
