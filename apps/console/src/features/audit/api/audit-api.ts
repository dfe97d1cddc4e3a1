import { api, toQuery } from '../../../lib/api-client';
import { saveApiFile } from '../../../lib/download';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorKind: 'user' | 'api_token' | 'anonymous' | 'system';
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  /** Dates as the date inputs give them (yyyy-mm-dd), in the viewer's time zone. */
  from?: string;
  to?: string;
}

/** The API takes instants: a day starts at local midnight; `to` includes its whole day. */
function toParams(f: AuditFilters) {
  const day = (d: string, plusDays = 0) => {
    const at = new Date(`${d}T00:00:00`);
    at.setDate(at.getDate() + plusDays);
    return at.toISOString();
  };
  return {
    actor: f.actor?.trim(),
    action: f.action?.trim(),
    target: f.target?.trim(),
    from: f.from ? day(f.from) : undefined,
    to: f.to ? day(f.to, 1) : undefined,
  };
}

export const auditKeys = { list: (f: AuditFilters) => ['audit-log', f] as const };

export const fetchAuditPage = (f: AuditFilters, cursor?: string | null) =>
  api.get<{ items: AuditEntry[]; nextCursor: string | null }>(
    `/api/admin/audit-log${toQuery({ ...toParams(f), cursor, limit: 50 })}`,
  );

export const downloadAuditCsv = (f: AuditFilters) =>
  saveApiFile(`/api/admin/audit-log${toQuery({ ...toParams(f), format: 'csv' })}`, 'audit-log.csv');
