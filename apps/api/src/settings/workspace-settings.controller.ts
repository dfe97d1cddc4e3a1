import { Body, Controller, Get, Inject, Patch, Put } from '@nestjs/common';
import { WorkspaceSettingsPatch, type WorkspaceSettingsView } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { readThreadingSettings, writeThreadingSettings } from './threading-settings.js';
import { readRetentionSettings, writeRetentionSettings } from '../personal-data/retention-settings.js';

/** Workspace-wide behaviour an admin sets; a PATCH changes only the fields it names. */
@Controller('admin/settings')
@Roles('admin')
export class WorkspaceSettingsController {
  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async get(): Promise<WorkspaceSettingsView> {
    return {
      threading: await readThreadingSettings(this.db, this.config.reopenWindowSeconds),
      retention: await readRetentionSettings(this.db),
    };
  }

  /** The same change as PATCH: a section names only the fields that change. */
  @Put()
  put(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown): Promise<WorkspaceSettingsView> {
    return this.patch(viewer, body);
  }

  @Patch()
  async patch(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Body() body: unknown,
  ): Promise<WorkspaceSettingsView> {
    const change = parseInput(WorkspaceSettingsPatch, body);
    if (change.threading) {
      const threading = change.threading;
      await this.db.tx((sql) => writeThreadingSettings(sql, threading, viewer.userId));
    }
    if (change.retention) {
      const retention = change.retention;
      await this.db.tx((sql) => writeRetentionSettings(sql, retention, viewer.userId));
    }
    return this.get();
  }
}
