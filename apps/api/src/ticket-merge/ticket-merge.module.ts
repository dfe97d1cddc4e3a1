import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { MergeTicket } from './merge-ticket.js';
import { SplitTicket } from './split-ticket.js';
import { TicketLinks } from './ticket-links.js';
import { TicketMergeController } from './ticket-merge.controller.js';

/** Ticket merge (with undo) and split, written through the ticket writer. */
@Module({
  imports: [SlaModule, TicketsModule, TicketWriterModule],
  controllers: [TicketMergeController],
  providers: [MergeTicket, SplitTicket, TicketLinks],
})
export class TicketMergeModule {}
