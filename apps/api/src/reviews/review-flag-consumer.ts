import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ReviewAutoFlags, ReviewFlagSource } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import type { OutboxConsumer, OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { addFlag, readAutoFlags } from './reviews.service.js';

interface SurveyPayload {
  kind?: string;
  score?: number;
  agentId?: string | null;
}

/** How often a ticket went from solved or closed back to work, from its audit trail. */
const REOPENS_SQL = `
  WITH s AS (
    SELECT type, COALESCE(data->>'status', data->>'to') AS st,
           lag(COALESCE(data->>'status', data->>'to')) OVER (ORDER BY id) AS prev
      FROM ticket_events
     WHERE ticket_id = $1 AND (data ? 'status' OR type IN ('reopened', 'status_changed', 'created'))
  )
  SELECT count(*) FILTER (WHERE type = 'reopened' OR (prev IN ('solved', 'closed') AND st NOT IN ('solved', 'closed')))::int AS n
    FROM s`;

/**
 * Raises the automatic review flags from committed events: a low CSAT, an NPS detractor, a
 * high CES (from `survey.received`), an SLA breach, a ticket reopened or transferred too often
 * (from `ticket.updated`). Each rule is configurable and flags a ticket at most once; being an
 * outbox consumer, a crash replays the batch and the once-only flags keep it from doubling.
 */
@Injectable()
export class ReviewFlagConsumer implements OutboxConsumer, OnModuleInit {
  readonly name = 'review-flags';
  readonly topics = ['survey.received', 'sla.breached', 'ticket.updated'];
  readonly batchSize = 200;
  private readonly logger = new Logger('ReviewFlags');

  constructor(private readonly consumers: OutboxConsumers) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  async handle(sql: Sql, events: OutboxEvent[]): Promise<void> {
    const rules = await readAutoFlags(sql);
    for (const event of events) {
      if (!event.ticketId) continue;
      for (const flag of await this.flagsFor(sql, rules, event))
        await addFlag(sql, event.ticketId, flag.source, flag.reason, null, flag.agentId);
    }
  }

  private async flagsFor(
    sql: Sql,
    rules: ReviewAutoFlags,
    event: OutboxEvent,
  ): Promise<Array<{ source: ReviewFlagSource; reason: string; agentId?: string | null }>> {
    const payload = (event.body.payload ?? {}) as Record<string, unknown>;
    const out: Array<{ source: ReviewFlagSource; reason: string; agentId?: string | null }> = [];
    if (event.topic === 'survey.received') {
      const p = payload as SurveyPayload;
      const score = Number(p.score);
      const agentId = typeof p.agentId === 'string' ? p.agentId : null;
      if (p.kind === 'csat' && rules.csatLow.enabled && score <= rules.csatLow.maxScore)
        out.push({ source: 'csat_low', reason: `CSAT ${score}/5`, agentId });
      if (p.kind === 'nps' && rules.npsDetractor.enabled && score <= 6)
        out.push({ source: 'nps_detractor', reason: `NPS ${score}/10 (detractor)`, agentId });
      if (p.kind === 'ces' && rules.cesHigh.enabled && score >= rules.cesHigh.minScore)
        out.push({ source: 'ces_high', reason: `CES ${score}/7`, agentId });
    } else if (event.topic === 'sla.breached') {
      if (rules.slaBreach.enabled)
        out.push({ source: 'sla_breach', reason: `SLA breached: ${String(payload.metric ?? 'target')}` });
    } else if (event.topic === 'ticket.updated') {
      const changes = (payload.changes ?? {}) as Record<string, unknown>;
      if (
        rules.reopened.enabled &&
        typeof changes.status === 'string' &&
        !['solved', 'closed'].includes(changes.status)
      ) {
        const [{ n }] = await sql.query<{ n: number }>(REOPENS_SQL, [event.ticketId]);
        if (n >= rules.reopened.minTimes) out.push({ source: 'reopened', reason: `Reopened ${n} times` });
      }
      if (rules.transferred.enabled && ('assigneeId' in changes || 'teamId' in changes)) {
        const [{ n }] = await sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'transferred'`,
          [event.ticketId],
        );
        if (n >= rules.transferred.minTimes)
          out.push({ source: 'transferred', reason: `Transferred ${n} times` });
      }
    }
    if (out.length) this.logger.debug(`ticket ${event.ticketId}: ${out.map((f) => f.source).join(', ')}`);
    return out;
  }
}
