import { Module } from '@nestjs/common';
import { QueueCountsController } from './queue-counts.controller.js';

@Module({
  controllers: [QueueCountsController],
})
export class QueuesModule {}
