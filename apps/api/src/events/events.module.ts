import { Module } from '@nestjs/common';
import { OutboundWakeup } from '../outbound/outbound-wakeup.js';
import { TicketEventBus } from './ticket-event-bus.js';

/** After-commit signals: the outbox fan-out, and the wake-up of the outbound dispatcher. */
@Module({
  providers: [TicketEventBus, OutboundWakeup],
  exports: [TicketEventBus, OutboundWakeup],
})
export class EventsModule {}
