import { Module } from '@nestjs/common';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { ReportsController } from './reports.controller.js';
import { SatisfactionReports } from './satisfaction-reports.service.js';

/** Satisfaction (CSAT, NPS, CES) and lessons reports; the SLA reports live beside the SLA clocks. */
@Module({
  imports: [ReviewsModule],
  controllers: [ReportsController],
  providers: [SatisfactionReports],
})
export class ReportsModule {}
