import { Module } from '@nestjs/common';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { SurveyPage } from './survey-page.js';
import { SurveyScheduler } from './survey-scheduler.js';
import { SurveySender } from './survey-sender.js';
import { SurveysController } from './surveys.controller.js';

/** Satisfaction surveys (CSAT, CES, NPS): settings, sending after a solve, the hosted answer page. */
@Module({
  imports: [OutboxConsumersModule, TicketWriterModule],
  controllers: [SurveysController],
  providers: [SurveyScheduler, SurveySender, SurveyPage],
})
export class SurveysModule {}
