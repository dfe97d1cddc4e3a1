import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '../channel-accounts/channel-accounts.module.js';
import { ChannelPortsModule } from '../channel-ports/channel-ports.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { DemoDeliveriesController } from './demo-deliveries.controller.js';
import { DemoSeed } from './demo-seed.js';

@Module({
  imports: [ChannelAccountsModule, ChannelPortsModule, IngestModule, RulesModule, SlaModule, TicketsModule],
  controllers: [DemoDeliveriesController],
  providers: [DemoSeed],
})
export class SeedModule {}
