import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { SlaAdminController } from './sla-admin.controller.js';
import { SlaAdminRepository } from './sla-admin.repository.js';
import { SlaClockService } from './sla-clock.service.js';
import { SlaSweeper } from './sla-sweeper.service.js';

/** SLA policies and the clocks that run on tickets. Reports live in SlaReportsModule (see there why). */
@Module({
  imports: [EventsModule],
  controllers: [SlaAdminController],
  providers: [SlaClockService, SlaSweeper, SlaAdminRepository],
  exports: [SlaClockService, SlaSweeper, SlaAdminRepository],
})
export class SlaModule {}
