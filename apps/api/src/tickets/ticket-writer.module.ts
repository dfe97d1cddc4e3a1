import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { TicketWriter } from './ticket-writer.js';

/**
 * The one way to change a ticket, in a module of its own: tickets, ingest's neighbours, outbound,
 * contacts, email and the channel ports all write through it, and it depends on none of them.
 */
@Module({
  imports: [EventsModule],
  providers: [TicketWriter],
  exports: [TicketWriter],
})
export class TicketWriterModule {}
