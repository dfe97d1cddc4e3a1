import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '../channel-accounts/channel-accounts.module.js';
import { ChannelPortsModule } from '../channel-ports/channel-ports.module.js';
import { EventsModule } from '../events/events.module.js';
import { OutboundDispatcher } from './outbound-dispatcher.service.js';
import { OutboundWakeup } from './outbound-wakeup.js';

/** Sending queued replies through the channel adapters. The adapter registry comes from ChannelPortsModule. */
@Module({
  imports: [ChannelAccountsModule, ChannelPortsModule, EventsModule],
  providers: [OutboundWakeup, OutboundDispatcher],
  exports: [OutboundWakeup, OutboundDispatcher],
})
export class OutboundModule {}
