import { Controller, Get, Query, Res } from '@nestjs/common';
import { ReportQuery } from '@switchboard/contracts';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.guard.js';
import { parseInput } from '../common/validation.js';
import { toCsv } from '../common/csv.js';
import { SlaReports } from './sla-reports.service.js';

/** Reports and the live SLA summary, for supervisors and admins only (agents get 403). */
@Controller()
@Roles('supervisor', 'admin')
export class SlaReportsController {
  constructor(private readonly reports: SlaReports) {}

  @Get('reports/sla')
  async sla(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseInput(ReportQuery, query);
    const report = await this.reports.attainment(q);
    return q.format === 'csv' ? csv(reply, 'sla-attainment', report.rows) : report;
  }

  @Get('reports/response-times')
  async responseTimes(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseInput(ReportQuery, query);
    const report = await this.reports.responseTimes(q);
    return q.format === 'csv' ? csv(reply, 'response-times', report.rows) : report;
  }

  @Get('reports/volume')
  async volume(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseInput(ReportQuery, query);
    const report = await this.reports.volume(q);
    return q.format === 'csv' ? csv(reply, 'volume', report.rows) : report;
  }

  @Get('sla/summary')
  async summary(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseInput(ReportQuery, query);
    const summary = await this.reports.summary(q);
    if (q.format !== 'csv') return summary;
    const rows = [
      ...summary.byTeam.map((r) => ({
        group: 'team',
        key: r.teamId ?? 'none',
        label: r.teamName ?? '(no team)',
        ...r,
      })),
      ...summary.byChannel.map((r) => ({ group: 'channel', key: r.channel, label: r.channel, ...r })),
    ];
    return csv(
      reply,
      'sla-summary',
      rows.map(({ teamId: _t, teamName: _n, channel: _c, ...r }: Record<string, unknown>) => r),
    );
  }
}

function csv(reply: FastifyReply, name: string, rows: Array<Record<string, unknown>>): string {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}.csv"`);
  return toCsv(rows);
}
