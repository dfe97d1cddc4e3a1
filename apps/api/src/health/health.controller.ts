import { Controller, Get } from '@nestjs/common';
import { unavailable } from '@switchboard/domain';
import { Public } from '../auth/auth.guard.js';
import { Db } from '../common/db.js';

/** Load balancers give up on a check after a few seconds; a frozen database must not hold one longer. */
const DATABASE_CHECK_MS = 1_500;

@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  @Public()
  @Get()
  async health() {
    if (!(await this.db.ping(DATABASE_CHECK_MS))) throw unavailable('db: down');
    return { status: 'ok', db: 'up' };
  }
}
