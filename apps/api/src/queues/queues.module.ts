import { Module } from '@nestjs/common';
import { SavedViewsModule } from '../saved-views/saved-views.module.js';
import { QueueCountsController } from './queue-counts.controller.js';
import { QueueCounts } from './queue-counts.service.js';

// Saved views are sidebar queues too: they come with the queues.
@Module({
  imports: [SavedViewsModule],
  controllers: [QueueCountsController],
  providers: [QueueCounts],
  exports: [QueueCounts],
})
export class QueuesModule {}
