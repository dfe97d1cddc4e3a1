import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { BlocklistAdminController, SpamController } from './blocklist.controller.js';
import { BlocklistService } from './blocklist.service.js';
import { SpamTickets } from './spam-tickets.js';
import { TicketSpam } from './ticket-spam.js';

/**
 * Spam and abuse: the blocklist, the spam view and its ticket actions, the flood limit setting.
 * The decision itself happens once, in ingest (see inbound-screening.ts).
 */
@Module({
  imports: [SlaModule, TicketWriterModule],
  controllers: [BlocklistAdminController, SpamController],
  providers: [BlocklistService, SpamTickets, TicketSpam],
})
export class BlocklistModule {}
