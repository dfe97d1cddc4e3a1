import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '../channel-accounts/channel-accounts.module.js';
import { ChannelPortsModule } from '../channel-ports/channel-ports.module.js';
import { EventsModule } from '../events/events.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { DemoTransport } from '../seed/demo-transport.js';
import { OutboundDispatcher } from './outbound-dispatcher.service.js';

/** Sending queued replies through the channel adapters. The adapter registry comes from ChannelPortsModule. */
@Module({
  imports: [ChannelAccountsModule, ChannelPortsModule, EventsModule, TicketWriterModule],
  providers: [OutboundDispatcher, DemoTransport],
  exports: [OutboundDispatcher],
})
export class OutboundModule {}
