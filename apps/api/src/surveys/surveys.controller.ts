import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { SurveySettingsBody, type SurveyResponseView, type SurveySettingsView } from '@switchboard/contracts';
import { invalid, notFound } from '@switchboard/domain';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { requestBaseUrl, type RequestOrigin } from '../channel-accounts/channel-account-setup.js';
import { Db } from '../common/db.js';
import { isUuid, parseInput } from '../common/validation.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { readSurveySettings, writeSurveySettings } from './survey-settings.js';

/** Survey settings (admins) and a ticket's survey answers (whoever may see the ticket). */
@Controller()
export class SurveysController {
  constructor(private readonly db: Db) {}

  @Get('admin/survey-settings')
  @Roles('admin')
  settings(): Promise<SurveySettingsView> {
    return readSurveySettings(this.db);
  }

  @Put('admin/survey-settings')
  @Roles('admin')
  async save(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Body() body: unknown,
    @Req() req: RequestOrigin,
  ): Promise<SurveySettingsView> {
    const input = parseInput(SurveySettingsBody, body);
    const accountIds = (input.overrides ?? []).map((o) => o.channelAccountId);
    if (new Set(accountIds).size !== accountIds.length)
      throw invalid('overrides: each channel account may be overridden once');
    if (accountIds.length) {
      const known = await this.db.query<{ id: string }>(
        `SELECT id FROM channel_accounts WHERE id = ANY($1::uuid[])`,
        [accountIds],
      );
      const missing = accountIds.filter((id) => !known.some((k) => k.id === id));
      if (missing.length) throw invalid(`overrides: no channel account ${missing.join(', ')}`);
    }
    await this.db.tx((sql) => writeSurveySettings(sql, input, requestBaseUrl(req), viewer.userId));
    return readSurveySettings(this.db);
  }

  @Get('tickets/:id/surveys')
  async ticketSurveys(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
  ): Promise<{ items: SurveyResponseView[] }> {
    if (!isUuid(id)) throw notFound('ticket not found');
    const params: unknown[] = [id];
    const rows = await this.db.query<{
      id: string;
      ticket_id: string;
      number: string;
      kind: SurveyResponseView['kind'];
      score: number;
      comment: string | null;
      channel: string;
      agent_id: string | null;
      agent_name: string | null;
      answered_at: Date;
    }>(
      `SELECT s.id, s.ticket_id, t.number, s.kind, s.score, s.comment, s.channel, s.agent_id, u.name AS agent_name, s.answered_at
         FROM tickets t JOIN survey_responses s ON s.ticket_id = t.id LEFT JOIN users u ON u.id = s.agent_id
        WHERE t.id = $1 AND ${visibleTo(viewer, params)}
        ORDER BY s.answered_at`,
      params,
    );
    if (rows.length === 0) {
      const own: unknown[] = [id];
      const visible = await this.db.query(
        `SELECT 1 FROM tickets t WHERE t.id = $1 AND ${visibleTo(viewer, own)}`,
        own,
      );
      if (visible.length === 0) throw notFound('ticket not found');
    }
    return {
      items: rows.map((r) => ({
        id: r.id,
        ticketId: r.ticket_id,
        ticketNumber: Number(r.number),
        kind: r.kind,
        score: r.score,
        comment: r.comment,
        channel: r.channel,
        agent: r.agent_id ? { id: r.agent_id, name: r.agent_name ?? '' } : null,
        answeredAt: new Date(r.answered_at).toISOString(),
      })),
    };
  }
}
