import { Module } from '@nestjs/common';
import { HoldTemplateController } from './hold-template.controller.js';
import { HoldTemplate } from './hold-template.service.js';
import { ReplySettingsController } from './reply-settings.controller.js';
import { WorkspaceSettingsController } from './workspace-settings.controller.js';

@Module({
  controllers: [HoldTemplateController, ReplySettingsController, WorkspaceSettingsController],
  providers: [HoldTemplate],
})
export class SettingsModule {}
