import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { AutoAssignment } from './auto-assignment.js';
import { AvailabilityService } from './availability.service.js';
import { RoutingController } from './routing.controller.js';
import { RoutingSettings } from './routing-settings.js';

/** Availability, capacity and per-team auto-assignment. */
@Module({
  imports: [EventsModule, OutboxConsumersModule, TicketWriterModule],
  controllers: [RoutingController],
  providers: [AvailabilityService, RoutingSettings, AutoAssignment],
  exports: [AvailabilityService, RoutingSettings],
})
export class RoutingModule {}
