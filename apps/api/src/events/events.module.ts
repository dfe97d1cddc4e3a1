import { Module } from '@nestjs/common';
import { TicketEventBus } from './ticket-event-bus.js';

@Module({
  providers: [TicketEventBus],
  exports: [TicketEventBus],
})
export class EventsModule {}
