import { Module } from '@nestjs/common';
import { HoldTemplateController } from './hold-template.controller.js';
import { HoldTemplate } from './hold-template.service.js';

@Module({
  controllers: [HoldTemplateController],
  providers: [HoldTemplate],
})
export class SettingsModule {}
