import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { SlaReportsController } from './sla-reports.controller.js';
import { SlaReports } from './sla-reports.service.js';

/**
 * SLA reports, apart from SlaModule: they push over the agents' gateway, which needs tickets,
 * which need the SLA clocks — one module would import itself in a circle.
 */
@Module({
  imports: [RealtimeModule],
  controllers: [SlaReportsController],
  providers: [SlaReports],
})
export class SlaReportsModule {}
