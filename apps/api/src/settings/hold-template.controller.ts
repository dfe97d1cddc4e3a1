import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { HoldTemplateBody, type HoldTemplateView } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { readSetting, writeSetting } from './app-settings.js';

const KEY = 'hold.customer_template';

/** The hold form previews the template for every agent; only admins change it. */
@Controller()
export class HoldTemplateController {
  constructor(private readonly db: Db) {}

  @Get('settings/hold-template')
  async get(): Promise<HoldTemplateView> {
    const { value, isDefault } = await readSetting(this.db, KEY);
    return { template: value, isDefault };
  }

  @Put('admin/settings/hold-template')
  @Roles('admin')
  async put(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown): Promise<HoldTemplateView> {
    const { template } = parseInput(HoldTemplateBody, body);
    await writeSetting(this.db, KEY, template, viewer.userId);
    return this.get();
  }

  /** Back to the built-in text. */
  @Delete('admin/settings/hold-template')
  @Roles('admin')
  async reset(@CurrentViewer() viewer: AuthenticatedViewer): Promise<HoldTemplateView> {
    await writeSetting(this.db, KEY, null, viewer.userId);
    return this.get();
  }
}
