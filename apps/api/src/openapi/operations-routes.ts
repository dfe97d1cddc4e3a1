import { z } from 'zod';
import { SystemStatusView } from '@switchboard/contracts';
import type { ApiRoute } from './api-routes.js';

/** Liveness and readiness for load balancers and orchestrators: the routes for the OpenAPI document. */
const Readiness = z.object({
  status: z.enum(['ready', 'not ready']),
  db: z.enum(['up', 'down']),
  migrations: z.enum(['applied', 'pending', 'unknown']),
  redis: z.enum(['up', 'down', 'not configured']),
  shuttingDown: z.boolean(),
});

export const OPERATIONS_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/health/live',
    tag: 'system',
    auth: 'none',
    summary: 'The process is up (restart the node only when this fails)',
    reply: { status: 200, json: z.object({ status: z.literal('ok') }) },
  },
  {
    method: 'get',
    path: '/api/health/ready',
    tag: 'system',
    auth: 'none',
    summary:
      'Whether the node should get traffic: database reachable, migrations applied, Redis reachable when configured, not shutting down; 503 otherwise',
    reply: { status: 200, json: Readiness },
  },
  {
    method: 'get',
    path: '/api/admin/system',
    tag: 'admin',
    auth: 'bearer',
    summary:
      'Admins: channel account health, outbox backlogs, failed deliveries, mailbox watchers and running nodes',
    reply: { status: 200, json: SystemStatusView },
  },
  {
    method: 'post',
    path: '/api/admin/system/retry-failed',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Admins: send every failed reply again (oldest first, at most 500 per call)',
    reply: {
      status: 200,
      json: z.object({ retried: z.number(), remaining: z.number() }),
    },
  },
];
