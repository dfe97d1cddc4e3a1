import { Module } from '@nestjs/common';
import { KbModule } from '../kb/kb.module.js';
import { HelpCenterRoutes } from './help-center.routes.js';
import { PublicKbController } from './public-kb.controller.js';

/** The public side of the knowledge base: the /help pages and the JSON search the widget uses. */
@Module({
  imports: [KbModule],
  controllers: [PublicKbController],
  providers: [HelpCenterRoutes],
})
export class HelpCenterModule {}
