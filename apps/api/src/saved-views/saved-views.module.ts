import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { SavedViewsController } from './saved-views.controller.js';
import { SavedViews } from './saved-views.service.js';

@Module({
  imports: [TicketsModule],
  controllers: [SavedViewsController],
  providers: [SavedViews],
})
export class SavedViewsModule {}
