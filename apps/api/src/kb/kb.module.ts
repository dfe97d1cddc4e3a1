import { Module } from '@nestjs/common';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { KbArticlesService } from './kb-articles.service.js';
import { KbCategoriesService } from './kb-categories.service.js';
import { KbController } from './kb.controller.js';
import { KbDeflectionService } from './kb-deflection.service.js';
import { KbHandoffConsumer } from './kb-handoff.consumer.js';

/** Knowledge base: articles, translations, categories, update history, and self-service measurement. */
@Module({
  imports: [OutboxConsumersModule, TicketWriterModule],
  controllers: [KbController],
  providers: [KbArticlesService, KbCategoriesService, KbDeflectionService, KbHandoffConsumer],
  exports: [KbArticlesService, KbDeflectionService],
})
export class KbModule {}
