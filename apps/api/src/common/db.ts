import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

/** A query runner: the pool outside a transaction, the transaction's client inside one. */
export interface Sql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * SQL access on the pg pool behind TypeORM's DataSource (TypeORM runs the migrations and owns
 * the pool). Hot paths (ingest, dispatch, inbox queries) are hand-written SQL: exactly-once
 * semantics rest on specific statements (ON CONFLICT, SKIP LOCKED), and going through TypeORM's
 * query runner per statement cost a third of ingest throughput.
 */
@Injectable()
export class Db implements Sql {
  private readonly pool: Pool;

  constructor(readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
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
    try {
      await client.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async tx<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work({ query: async <R>(s: string, p: unknown[] = []) => (await client.query(s, p)).rows as R[] });
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
