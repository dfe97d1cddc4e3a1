import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { MacrosController } from './macros.controller.js';
import { MacrosService } from './macros.service.js';

/** Macros: agents' action lists, applied to a ticket (or up to 500) through the ticket writer. */
@Module({
  imports: [SlaModule, TicketWriterModule, TicketsModule],
  controllers: [MacrosController],
  providers: [MacrosService],
})
export class MacrosModule {}
