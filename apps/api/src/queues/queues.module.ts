import { Module } from '@nestjs/common';
import { QueueCountsController } from './queue-counts.controller.js';
import { QueueCounts } from './queue-counts.service.js';

@Module({
  controllers: [QueueCountsController],
  providers: [QueueCounts],
})
export class QueuesModule {}
