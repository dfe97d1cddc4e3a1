import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '../channel-accounts/channel-accounts.module.js';
import { EventsModule } from '../events/events.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { IngestService } from './ingest.service.js';

@Module({
  imports: [ChannelAccountsModule, EventsModule, SlaModule],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
