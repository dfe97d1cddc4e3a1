import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { HoldTemplateBody, type HoldTemplateView } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { HoldTemplate } from './hold-template.service.js';

/** The hold form previews the template for every agent; only admins change it. */
@Controller()
export class HoldTemplateController {
  constructor(private readonly holdTemplate: HoldTemplate) {}

  @Get('settings/hold-template')
  get(): Promise<HoldTemplateView> {
    return this.holdTemplate.get();
  }

  @Put('admin/settings/hold-template')
  @Roles('admin')
  async put(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown): Promise<HoldTemplateView> {
    const { template } = parseInput(HoldTemplateBody, body);
    await this.holdTemplate.set(template, viewer.userId);
    return this.get();
  }

  /** Back to the built-in text. */
  @Delete('admin/settings/hold-template')
  @Roles('admin')
  async reset(@CurrentViewer() viewer: AuthenticatedViewer): Promise<HoldTemplateView> {
    await this.holdTemplate.set(null, viewer.userId);
    return this.get();
  }
}
