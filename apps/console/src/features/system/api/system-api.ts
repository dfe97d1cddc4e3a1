import { api } from '../../../lib/api-client';

/** `GET /api/admin/system`, as the API documents it in OpenAPI. */
export interface SystemStatus {
  channels: Array<{
    id: string;
    kind: string;
    name: string;
    active: boolean;
    lastInboundAt: string | null;
    lastSentAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
  }>;
  outbox: Array<{ queue: 'events' | 'outbound'; backlog: number; oldestAgeSeconds: number }>;
  failedDeliveries: {
    total: number;
    items: Array<{
      messageId: string;
      ticketId: string;
      ticketNumber: number;
      channel: string;
      error: string | null;
      failedAt: string;
    }>;
  };
  mailboxes: Array<{ accountId: string; name: string; holder: string | null; leaseExpiresAt: string | null }>;
  nodes: Array<{
    id: string;
    role: string;
    version: string;
    host: string;
    startedAt: string;
    lastSeenAt: string;
  }>;
}

export function fetchSystemStatus(): Promise<SystemStatus> {
  return api.get<SystemStatus>('/api/admin/system');
}

export function retryAllFailed(): Promise<{ retried: number; remaining: number }> {
  return api.post<{ retried: number; remaining: number }>('/api/admin/system/retry-failed');
}
