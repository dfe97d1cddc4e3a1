import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OutboxConsumers } from './outbox-consumers.service.js';

/** Durable reactions to committed outbox events; consumers register from their own modules. */
@Module({
  imports: [EventsModule],
  providers: [OutboxConsumers],
  exports: [OutboxConsumers],
})
export class OutboxConsumersModule {}
