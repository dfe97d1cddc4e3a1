import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Db, type Sql } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FailureBackoff } from '../workers/failure-backoff.js';

/** Rows re-indexed per transaction: short row locks beside the ticket writer's. */
const TICKET_BATCH = 500;
const MESSAGE_BATCH = 1000;
const IDLE_MS = 2_000;

interface ReindexRun {
  tickets_after: string | null;
  tickets_done: boolean;
  messages_after: string | null;
}

/**
 * After a change of the workspace language, re-writes the search vectors of every ticket and
 * message in the new language, a batch per transaction in id order. The run's progress is one row
 * (`search_reindex`) locked with SKIP LOCKED, so one node works at a time, any node may, and a
 * crash resumes after the last committed batch. The rows' triggers are not involved: the vectors
 * are set here, with the same functions.
 */
@Injectable()
export class SearchReindexer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SearchReindexer');
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    const backoff = new FailureBackoff('search re-index', IDLE_MS, this.logger);
    const run = async () => {
      let wait: number;
      try {
        // Batches follow each other at once while there is work; then it looks every IDLE_MS.
        wait = (await this.runBatch()) ? 0 : backoff.succeeded();
      } catch (error) {
        wait = backoff.failed(error);
      }
      if (!this.stopped) this.timer = setTimeout(() => void run(), wait);
    };
    this.timer = setTimeout(() => void run(), IDLE_MS);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One batch of the run in course; false when there is none (or another node has it). */
  runBatch(): Promise<boolean> {
    return this.db.tx(async (sql) => {
      const [run] = await sql.query<ReindexRun>(`SELECT * FROM search_reindex FOR UPDATE SKIP LOCKED`);
      if (!run) return false;
      if (!run.tickets_done) {
        const last = await this.reindexTickets(sql, run.tickets_after);
        await sql.query(`UPDATE search_reindex SET tickets_after = $1, tickets_done = $2`, [
          last,
          last === null,
        ]);
        return true;
      }
      const last = await this.reindexMessages(sql, run.messages_after);
      if (last === null) {
        await sql.query(`DELETE FROM search_reindex`);
        this.logger.log('search vectors re-indexed in the workspace language');
      } else await sql.query(`UPDATE search_reindex SET messages_after = $1`, [last]);
      return true;
    });
  }

  /** The last id re-indexed, or null when none was left. */
  private async reindexTickets(sql: Sql, after: string | null): Promise<string | null> {
    const [row] = await sql.query<{ last: string | null }>(
      `WITH batch AS (
         UPDATE tickets t SET search_vector = ticket_search_vector(search_config(), t.subject, t.tags)
          WHERE t.id IN (SELECT id FROM tickets WHERE $1::uuid IS NULL OR id > $1 ORDER BY id LIMIT ${TICKET_BATCH})
          RETURNING t.id)
       SELECT max(id::text)::uuid AS last FROM batch`,
      [after],
    );
    return row?.last ?? null;
  }

  private async reindexMessages(sql: Sql, after: string | null): Promise<string | null> {
    const [row] = await sql.query<{ last: string | null }>(
      `WITH batch AS (
         UPDATE messages m SET search_vector = message_search_vector(search_config(), m.text, m.meta)
          WHERE m.id IN (SELECT id FROM messages WHERE $1::uuid IS NULL OR id > $1 ORDER BY id LIMIT ${MESSAGE_BATCH})
          RETURNING m.id)
       SELECT max(id::text)::uuid AS last FROM batch`,
      [after],
    );
    return row?.last ?? null;
  }
}
