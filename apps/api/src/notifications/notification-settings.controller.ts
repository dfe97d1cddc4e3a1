import { Body, Controller, Get, Put } from '@nestjs/common';
import { NotificationMailBody, NotificationPreferencesBody } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { NotificationMailSettings } from './notification-mail-settings.js';
import { NotificationPreferences } from './notification-preferences.js';

/** The admin's mail server for notification emails, and each agent's own preferences. */
@Controller()
export class NotificationSettingsController {
  constructor(
    private readonly mail: NotificationMailSettings,
    private readonly preferences: NotificationPreferences,
  ) {}

  @Get('admin/settings/notification-mail')
  @Roles('admin')
  getMail() {
    return this.mail.view();
  }

  @Put('admin/settings/notification-mail')
  @Roles('admin')
  putMail(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.mail.save(parseInput(NotificationMailBody, body), viewer.userId);
  }

  @Get('me/notification-preferences')
  getPreferences(@CurrentViewer() viewer: AuthenticatedViewer) {
    return this.preferences.get(viewer.userId);
  }

  @Put('me/notification-preferences')
  putPreferences(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.preferences.set(viewer.userId, parseInput(NotificationPreferencesBody, body));
  }
}
