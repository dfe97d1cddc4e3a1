import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { MarkNotificationsReadBody } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { NotificationsService } from './notifications.service.js';

/** The caller's own notifications: nobody reads or marks another's. */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentViewer() viewer: AuthenticatedViewer) {
    return this.notifications.list(viewer.userId);
  }

  @Post('read')
  @HttpCode(200)
  markRead(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    const input = parseInput(MarkNotificationsReadBody, body);
    return this.notifications.markRead(viewer.userId, 'all' in input ? 'all' : input.ids);
  }
}
