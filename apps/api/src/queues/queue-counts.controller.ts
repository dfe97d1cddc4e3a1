import { Controller, Get } from '@nestjs/common';
import type { QueueCountsView } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { QueueCounts } from './queue-counts.service.js';

/** Active tickets per queue, under the same visibility rule as the ticket list. */
@Controller('queues')
export class QueueCountsController {
  constructor(private readonly queues: QueueCounts) {}

  @Get('counts')
  counts(@CurrentViewer() viewer: AuthenticatedViewer): Promise<QueueCountsView> {
    return this.queues.counts(viewer);
  }
}
