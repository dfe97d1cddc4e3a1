import { Module } from '@nestjs/common';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ReviewFlagConsumer } from './review-flag-consumer.js';
import { ReviewsController } from './reviews.controller.js';
import { ReviewsService } from './reviews.service.js';

/** Learning from bad cases: review flags (manual and automatic), the review queue, coaching notes. */
@Module({
  imports: [OutboxConsumersModule, TicketsModule],
  controllers: [ReviewsController],
  providers: [ReviewsService, ReviewFlagConsumer],
  exports: [ReviewsService],
})
export class ReviewsModule {}
