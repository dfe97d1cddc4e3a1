import { Body, Controller, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { UpdateChannelAccountBody } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { ChannelAccountSetup, requestBaseUrl, type RequestOrigin } from './channel-account-setup.js';

/** Changing and checking one channel account (creating and listing stay in AdminController). */
@Controller('admin/channel-accounts')
@Roles('admin')
export class ChannelAccountAdminController {
  constructor(private readonly setup: ChannelAccountSetup) {}

  @Patch(':id')
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: RequestOrigin,
    @CurrentViewer() viewer: AuthenticatedViewer,
  ) {
    return this.setup.update(
      id,
      parseInput(UpdateChannelAccountBody, body),
      requestBaseUrl(req),
      `${viewer.email} (${viewer.userId})`,
    );
  }

  /** Calls the provider with the stored credentials; the answer says what is wrong in plain words. */
  @Post(':id/test')
  @HttpCode(200)
  test(@Param('id') id: string, @Req() req: RequestOrigin) {
    return this.setup.test(id, requestBaseUrl(req));
  }

  /** For API accounts: a new X-Api-Key, shown once; the old key stops working. */
  @Post(':id/rotate-key')
  @HttpCode(200)
  rotateKey(@Param('id') id: string) {
    return this.setup.rotateApiKey(id);
  }
}
