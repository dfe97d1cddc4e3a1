import { Controller, Get, Query, Res } from '@nestjs/common';
import { LessonsQuery, SatisfactionQuery, SurveyResponsesQuery } from '@switchboard/contracts';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.guard.js';
import { parseInput } from '../common/validation.js';
import { toCsv } from '../common/csv.js';
import { ReviewsService } from '../reviews/reviews.service.js';
import { SatisfactionReports } from './satisfaction-reports.service.js';

/** Satisfaction and lessons reports, for supervisors and admins (agents get 403). */
@Controller('reports')
@Roles('supervisor', 'admin')
export class ReportsController {
  constructor(
    private readonly satisfaction: SatisfactionReports,
    private readonly reviews: ReviewsService,
  ) {}

  @Get('satisfaction')
  async report(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseInput(SatisfactionQuery, query);
    const report = await this.satisfaction.report(q);
    if (q.format !== 'csv') return report;
    const { csat, nps, ces } = report;
    const rows: Array<Record<string, unknown>> = [
      ...report.groups.map((g) => ({ ...g })),
      { key: 'total', label: 'Total', csat, nps, ces },
    ];
    return csv(reply, 'satisfaction', rows);
  }

  @Get('satisfaction/responses')
  async responses(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseInput(SurveyResponsesQuery, query);
    const result = await this.satisfaction.responses(q);
    return q.format === 'csv' ? csv(reply, 'survey-responses', result.items) : result;
  }

  @Get('lessons')
  async lessons(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseInput(LessonsQuery, query);
    const result = await this.reviews.lessons(q);
    return q.format === 'csv'
      ? csv(
          reply,
          'lessons',
          result.rows.map(({ tickets, ...r }) => ({
            ...r,
            tickets: tickets.map((t) => `#${t.number}`).join(' '),
          })),
        )
      : result;
  }
}

function csv(reply: FastifyReply, name: string, rows: Array<Record<string, unknown>>): string {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}.csv"`);
  return toCsv(rows);
}
