import { Injectable, Logger } from '@nestjs/common';
import type { ClientConfig, Pool, PoolClient, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import { currentRequestId, isSafeRequestId } from '../observability/request-context.js';
import { DbListener, type DbListenerHandlers } from './db-listener.js';

/**
 * Failures that say the database is away, not that the request was wrong: the server shut
 * down or restarted (57P01-57P03), connection exceptions (08xxx), too many connections, any
 * FATAL report (those end the session, such as a database refusing connections), sockets
 * refused or reset, and the pg driver's own words for a lost or unreachable connection.
 * Callers answer 503 or back off and try again.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated', // also "... unexpectedly" and "... due to connection timeout"
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Query read timeout',
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, severity, message, cause, errors } = error as {
    code?: unknown;
    severity?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code)))
    return true;
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((start) => message.startsWith(start)))
    return true;
  // Node reports a refused connect to several addresses as an AggregateError; pg-pool wraps a connect timeout.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/** A query runner: the pool outside a transaction, the transaction's client inside one. */
export interface Sql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
}

export interface QueryOptions {
  /**
   * Prepares the statement under this name once per connection, so its plan is kept: for a big
   * statement run for every batch, planning can cost more than running it. One name, one text.
   */
  prepareAs?: string;
}

/**
 * SQL access on the pg pool behind TypeORM's DataSource (TypeORM runs the migrations and owns
 * the pool). Hot paths (ingest, dispatch, inbox queries) are hand-written SQL: exactly-once
 * semantics rest on specific statements (ON CONFLICT, SKIP LOCKED), and going through TypeORM's
 * query runner per statement cost a third of ingest throughput.
 */
@Injectable()
export class Db implements Sql {
  private readonly logger = new Logger('Db');
  private readonly pool: Pool;
  private readonly guarded = new WeakSet<PoolClient>();

  constructor(readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
    // A checked-out client has no 'error' listener of the pool's, and a connection the server
    // ends between two queries (a restart, pg_terminate_backend) emits one: unheard, it kills
    // the process. Every client that leaves the pool gets a listener of its own, whoever took it
    // (tx, withLock, TypeORM, other modules' transactions); the failed query rejects as usual
    // and the pool drops the client on release because it is no longer queryable.
    this.pool.on('acquire', (client) => this.guard(client));
  }

  private guard(client: PoolClient): void {
    if (this.guarded.has(client)) return;
    this.guarded.add(client);
    client.on('error', (err: Error) => this.logger.warn(`database connection lost: ${err.message}`));
  }

  /**
   * Whether the database answers `SELECT 1` within `timeoutMs`. A frozen server accepts
   * connections and never replies, so the wait (for a connection, then for the answer) is capped.
   */
  async ping(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    // pg honours a per-query `query_timeout` (its types only list it for the connection).
    const answer = this.pool.query({ text: 'SELECT 1', query_timeout: timeoutMs } as QueryConfig).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answer, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Pool usage for the metrics: connections open, idle, and requests waiting for one. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async query<T = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
  ): Promise<T[]> {
    return (await this.pool.query({ text: sql, values: params, name: options.prepareAs })).rows as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | null> {
    const rows = await this.query<T>(sql, params);
    return rows[0] ?? null;
  }

  /**
   * Runs `work` while holding a session-level advisory lock on one dedicated connection (a
   * pooled query could take the lock on one connection and try to release it on another).
   */
  async withLock<T>(key: number, work: () => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    let lost: Error | undefined;
    try {
      await client.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await work();
      } finally {
        // A lost connection took the lock with it: nothing to unlock, and the client is dropped.
        await client.query('SELECT pg_advisory_unlock($1)', [key]).catch((err: Error) => (lost = err));
      }
    } finally {
      client.release(lost);
    }
  }

  /** Listens on a notification channel over a connection of its own, with the pool's settings; started at once. */
  listen(channel: string, handlers: DbListenerHandlers): DbListener {
    const options = (this.pool as unknown as { options: ClientConfig }).options;
    const listener = new DbListener(options, channel, handlers);
    listener.start();
    return listener;
  }

  async tx<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    let broken = false;
    try {
      // The request id rides along in the transaction, so rows it queues (an outbound send) record
      // it by column default and the worker that handles them later logs under the same id. Only
      // ids of a plain token shape are ever set, so the literal is safe, and it costs no round trip.
      const requestId = currentRequestId();
      await client.query(
        isSafeRequestId(requestId)
          ? `BEGIN; SELECT set_config('switchboard.request_id', '${requestId}', true)`
          : 'BEGIN',
      );
      const result = await work({
        query: async <R>(s: string, p: unknown[] = [], options: QueryOptions = {}) =>
          (await client.query({ text: s, values: p, name: options.prepareAs })).rows as R[],
      });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      client.release(broken);
    }
  }
}
