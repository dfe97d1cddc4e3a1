import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '../channel-accounts/channel-accounts.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { DemoSeed } from './demo-seed.js';

@Module({
  imports: [ChannelAccountsModule, IngestModule],
  providers: [DemoSeed],
})
export class SeedModule {}
