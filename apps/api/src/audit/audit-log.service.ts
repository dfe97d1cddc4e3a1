import { Injectable, Logger } from '@nestjs/common';
import { Db, type Sql } from '../common/db.js';

export type AuditActorKind = 'user' | 'api_token' | 'anonymous' | 'system';

export interface AuditEntryInput {
  action: string;
  actorId?: string | null;
  actorEmail?: string | null;
  actorKind: AuditActorKind;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorKind: AuditActorKind;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  /** A user id or (part of) an email address. */
  actor?: string;
  /** An exact action, or a prefix ending in a dot (`user.`). */
  action?: string;
  target?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id (the previous page's `nextCursor`). */
  before?: string;
  limit: number;
}

interface Row {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  actor_kind: AuditActorKind;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Details quote the request as sent, before validation strips what PostgreSQL cannot store: a NUL
 * in a kept field would make jsonb refuse the entry and fail a change that already succeeded.
 */
const withoutNul = (_key: string, value: unknown) =>
  typeof value === 'string' ? value.replaceAll('\u0000', '') : value;

/** Writes and reads the append-only audit log (the table refuses UPDATE and DELETE itself). */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('AuditLog');

  constructor(private readonly db: Db) {}

  /** Takes a transaction's `sql` when the entry must commit or roll back with the change it records. */
  async record(entry: AuditEntryInput, sql: Sql = this.db): Promise<void> {
    await sql.query(
      `INSERT INTO audit_log (actor_id, actor_email, actor_kind, action, target_type, target_id, ip, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.actorId ?? null,
        entry.actorEmail ?? null,
        entry.actorKind,
        entry.action,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.ip ?? null,
        JSON.stringify(entry.details ?? {}, withoutNul),
      ],
    );
    this.logger.debug(`${entry.action} by ${entry.actorEmail ?? entry.actorKind}`);
  }

  async list(filter: AuditFilter): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.actor) {
      if (UUID.test(filter.actor)) add((p) => `actor_id = ${p}::uuid`, filter.actor);
      else add((p) => `actor_email ILIKE ${p}`, `%${escapeLike(filter.actor)}%`);
    }
    if (filter.action) {
      if (filter.action.endsWith('.')) add((p) => `action LIKE ${p}`, `${escapeLike(filter.action)}%`);
      else add((p) => `action = ${p}`, filter.action);
    }
    if (filter.target) add((p) => `target_id = ${p}`, filter.target);
    if (filter.from) add((p) => `at >= ${p}`, filter.from);
    if (filter.to) add((p) => `at < ${p}`, filter.to);
    if (filter.before) add((p) => `id < ${p}::bigint`, filter.before);
    params.push(filter.limit + 1);
    const rows = await this.db.query<Row>(
      `SELECT id::text, at, actor_id, actor_email, actor_kind, action, target_type, target_id, ip, details
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map(toEntry),
      nextCursor: rows.length > filter.limit ? page[page.length - 1].id : null,
    };
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    actorKind: r.actor_kind,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: r.ip,
    details: r.details,
  };
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actorKind',
  'actorId',
  'actorEmail',
  'action',
  'targetType',
  'targetId',
  'ip',
  'details',
] as const;

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it. */
export function auditCsv(entries: AuditEntry[]): string {
  const cell = (value: unknown): string => {
    let text =
      value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push(CSV_COLUMNS.map((c) => cell(e[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
