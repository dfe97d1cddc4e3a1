import { Controller, Get, Res } from '@nestjs/common';
import { unavailable } from '@switchboard/domain';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.guard.js';
import { Db } from '../common/db.js';
import { Readiness } from '../observability/readiness.js';

/** Load balancers give up on a check after a few seconds; a frozen database must not hold one longer. */
const DATABASE_CHECK_MS = 1_500;

@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Db,
    private readonly readiness: Readiness,
  ) {}

  @Public()
  @Get()
  async health() {
    if (!(await this.db.ping(DATABASE_CHECK_MS))) throw unavailable('db: down');
    return { status: 'ok', db: 'up' };
  }

  /** The process answers: a supervisor restarts the node only when this fails. */
  @Public()
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Whether the node should get traffic; 503 with each check's state when it should not. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.readiness.report();
    if (!report.ready) void reply.status(503);
    return {
      status: report.ready ? 'ready' : 'not ready',
      ...report.checks,
      shuttingDown: report.shuttingDown,
    };
  }
}
