import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OutboundModule } from '../outbound/outbound.module.js';
import { QueuesModule } from '../queues/queues.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { BackgroundWorkers } from './background-workers.service.js';

@Module({
  imports: [EventsModule, OutboundModule, QueuesModule, SlaModule, TicketsModule],
  providers: [BackgroundWorkers],
})
export class WorkersModule {}
