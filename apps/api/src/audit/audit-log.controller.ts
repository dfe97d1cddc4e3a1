import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { parseInput } from '../common/validation.js';
import { AuditLog, auditCsv } from './audit-log.service.js';

export const AuditLogQuery = z.strictObject({
  actor: z.string().trim().min(1).max(200).optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{2,80}$/, 'must be an action name such as user.role_changed, or a prefix such as user.')
    .optional(),
  target: z.string().trim().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, 'must be a nextCursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  format: z.enum(['json', 'csv']).optional(),
});

/** At most this many entries in one CSV file; narrow the filters for more. */
const CSV_LIMIT = 50_000;

/** The audit log, for admins only; there is no route that changes or removes an entry. */
@Controller('admin/audit-log')
@Roles('admin')
export class AuditLogController {
  constructor(private readonly log: AuditLog) {}

  @Get()
  async list(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseInput(AuditLogQuery, query);
    const filter = {
      actor: q.actor,
      action: q.action,
      target: q.target,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      before: q.cursor,
    };
    if (q.format === 'csv') {
      const { items } = await this.log.list({ ...filter, limit: q.limit ?? CSV_LIMIT });
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="audit-log.csv"');
      return auditCsv(items);
    }
    return this.log.list({ ...filter, limit: q.limit ?? 100 });
  }
}
