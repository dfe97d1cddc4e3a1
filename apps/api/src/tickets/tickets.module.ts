import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '../channel-accounts/channel-accounts.module.js';
import { ChannelPortsModule } from '../channel-ports/channel-ports.module.js';
import { EmailSupportModule } from '../email-support/email-support.module.js';
import { EventsModule } from '../events/events.module.js';
import { OutboundModule } from '../outbound/outbound.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { HoldExpiryService } from './hold-expiry.service.js';
import { RetryDelivery, RetryDeliveryController } from './retry-delivery.js';
import { DraftAttachmentsController, TicketAttachmentsController } from './ticket-attachments.controller.js';
import { TicketAttachments } from './ticket-attachments.service.js';
import { TicketCommands } from './ticket-commands.service.js';
import { TicketQueries } from './ticket-queries.js';
import { TicketsController } from './tickets.controller.js';
import { TicketWriterModule } from './ticket-writer.module.js';

@Module({
  imports: [
    ChannelAccountsModule,
    ChannelPortsModule,
    EmailSupportModule,
    EventsModule,
    OutboundModule,
    SlaModule,
    TicketWriterModule,
  ],
  controllers: [
    TicketsController,
    TicketAttachmentsController,
    DraftAttachmentsController,
    RetryDeliveryController,
  ],
  providers: [TicketQueries, TicketCommands, TicketAttachments, RetryDelivery, HoldExpiryService],
  exports: [TicketQueries, TicketCommands, TicketAttachments, HoldExpiryService, RetryDelivery],
})
export class TicketsModule {}
