import { Module } from '@nestjs/common';
import { HoldTemplateController } from './hold-template.controller.js';

@Module({
  controllers: [HoldTemplateController],
})
export class SettingsModule {}
