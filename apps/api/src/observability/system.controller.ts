import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { SystemStatusService } from './system-status.js';

/** The admins' System screen: channel health, backlogs, failed deliveries, mailbox watchers, nodes. */
@Controller('admin/system')
@Roles('admin')
export class SystemController {
  constructor(private readonly system: SystemStatusService) {}

  @Get()
  status() {
    return this.system.status();
  }

  @Post('retry-failed')
  @HttpCode(200)
  retryFailed(@CurrentViewer() viewer: AuthenticatedViewer) {
    return this.system.retryAllFailed(viewer);
  }
}
