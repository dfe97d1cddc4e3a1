import { Body, Controller, Get, Put } from '@nestjs/common';
import { ReplySettingsBody } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { readSetting, writeSetting } from './app-settings.js';

/** Workspace rules for replies: every agent reads them (the composer explains them), admins change them. */
@Controller()
export class ReplySettingsController {
  constructor(private readonly db: Db) {}

  @Get('settings/reply')
  async get(): Promise<ReplySettingsBody> {
    const { value } = await readSetting(this.db, 'reply.assign_on_reply');
    return { assignOnReply: value === 'true' };
  }

  @Put('admin/settings/reply')
  @Roles('admin')
  async put(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown): Promise<ReplySettingsBody> {
    const { assignOnReply } = parseInput(ReplySettingsBody, body);
    await writeSetting(this.db, 'reply.assign_on_reply', String(assignOnReply), viewer.userId);
    return this.get();
  }
}
