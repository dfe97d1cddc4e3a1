import {
  BadGatewayException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { AssistSettingsBody, type AssistSettingsView } from '@switchboard/contracts';
import { invalid } from '@switchboard/domain';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { requestBaseUrl, type RequestOrigin } from '../channel-accounts/channel-account-setup.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { listAssistCalls } from './assist-calls.js';
import { readAssistSettings, settingsView, writeAssistSettings } from './assist-settings.js';
import { AssistProviderError } from './chat-completions-client.js';
import { TicketAssistService } from './ticket-assist.service.js';

/** A provider that failed is the gateway's fault, not the agent's: 502 with the reason. */
async function providerCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AssistProviderError) throw new BadGatewayException(error.message);
    throw error;
  }
}

/** AI assist: its configuration and call log (admins) and the on-demand help on a ticket (agents). */
@Controller()
export class AssistController {
  constructor(
    private readonly assist: TicketAssistService,
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  @Get('admin/assist-settings')
  @Roles('admin')
  async settings(): Promise<AssistSettingsView> {
    return settingsView(await readAssistSettings(this.db));
  }

  @Put('admin/assist-settings')
  @Roles('admin')
  async save(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Body() body: unknown,
    @Req() req: RequestOrigin,
  ): Promise<AssistSettingsView> {
    const input = parseInput(AssistSettingsBody, body);
    if (input.disabledTeamIds.length) {
      const known = await this.db.query<{ id: string }>(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [
        input.disabledTeamIds,
      ]);
      const missing = input.disabledTeamIds.filter((id) => !known.some((k) => k.id === id));
      if (missing.length) throw invalid(`disabledTeamIds: no team ${missing.join(', ')}`);
    }
    const saved = await writeAssistSettings(this.db, this.box, input, requestBaseUrl(req), viewer.userId);
    return settingsView(saved);
  }

  @Get('admin/assist-calls')
  @Roles('admin')
  calls(@Query('limit') limit?: string) {
    const n = limit === undefined ? 200 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw invalid('limit: must be a whole number from 1 to 1000');
    return listAssistCalls(this.db, n);
  }

  @Get('assist/status')
  status() {
    return this.assist.status();
  }

  @Post('tickets/:id/assist/summary')
  @HttpCode(200)
  summary(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return providerCall(() => this.assist.summary(viewer, id));
  }

  @Post('tickets/:id/assist/reply')
  @HttpCode(200)
  reply(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return providerCall(() => this.assist.reply(viewer, id));
  }
}
