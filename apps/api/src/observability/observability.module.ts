import { Global, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EmailWatcherSupervisor } from '@switchboard/channel-email';
import { Db } from '../common/db.js';
import { AgentsGateway } from '../realtime/agents.gateway.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { Metrics } from './metrics.js';
import { NodeRegistry } from './node-registry.js';
import { SystemController } from './system.controller.js';
import { SystemStatusService } from './system-status.js';
import { Readiness } from './readiness.js';

/** Connects the gauges to what they read, once every module exists. */
@Injectable()
class MetricSourcesWiring implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    private readonly db: Db,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const find = <T>(type: new (...args: never[]) => T): T | null => {
      try {
        return this.moduleRef.get(type, { strict: false });
      } catch {
        return null;
      }
    };
    const gateway = find(AgentsGateway);
    const watchers = find(EmailWatcherSupervisor);
    this.metrics.attach({
      dbPool: () => this.db.poolStats(),
      outbox: async () => {
        // Both read through partial or due-time indexes, so a scrape costs little whatever the history.
        const rows = await this.db.query<{ queue: string; backlog: string; age: number | null }>(
          `SELECT 'events' AS queue, count(*) AS backlog, extract(epoch FROM now() - min(created_at))::float8 AS age
             FROM outbox_events WHERE published_at IS NULL
           UNION ALL
           SELECT 'outbound', count(*), extract(epoch FROM now() - min(created_at))::float8 FROM outbound_jobs`,
        );
        return rows.map((r) => ({
          queue: r.queue,
          backlog: Number(r.backlog),
          oldestAgeSeconds: r.age ?? 0,
        }));
      },
      sockets: () => gateway?.socketCounts() ?? {},
      mailboxes: () => watchers?.status() ?? [],
    });
  }
}

/** Metrics, readiness and the admins' System view; global so that any module may count what it does. */
@Global()
@Module({
  imports: [TicketsModule],
  controllers: [SystemController],
  providers: [Metrics, Readiness, MetricSourcesWiring, NodeRegistry, SystemStatusService],
  exports: [Metrics, Readiness],
})
export class ObservabilityModule {}
