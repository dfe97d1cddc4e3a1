import type { SystemStatusView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

export type SystemStatus = SystemStatusView;

export function fetchSystemStatus(): Promise<SystemStatus> {
  return api.get<SystemStatus>('/api/admin/system');
}

export function retryAllFailed(): Promise<{ retried: number; remaining: number }> {
  return api.post<{ retried: number; remaining: number }>('/api/admin/system/retry-failed');
}
