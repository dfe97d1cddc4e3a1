import { z } from 'zod';

const iso = z.string().nullable();
/** `GET /api/admin/system`: what the admins' System screen shows. */
export const SystemStatusView = z.object({
  channels: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      name: z.string(),
      active: z.boolean(),
      lastInboundAt: iso,
      lastSentAt: iso,
      lastError: z.string().nullable(),
      lastErrorAt: iso,
    }),
  ),
  outbox: z.array(
    z.object({ queue: z.enum(['events', 'outbound']), backlog: z.number(), oldestAgeSeconds: z.number() }),
  ),
  failedDeliveries: z.object({
    total: z.number(),
    items: z.array(
      z.object({
        messageId: z.uuid(),
        ticketId: z.uuid(),
        ticketNumber: z.number(),
        channel: z.string(),
        error: z.string().nullable(),
        failedAt: z.string(),
      }),
    ),
  }),
  mailboxes: z.array(
    z.object({
      accountId: z.uuid(),
      name: z.string(),
      holder: z.string().nullable(),
      leaseExpiresAt: iso,
      /** When the mailbox was last read to the end without an error, by whichever node held it. */
      lastFetchAt: iso,
    }),
  ),
  nodes: z.array(
    z.object({
      id: z.string(),
      role: z.string(),
      version: z.string(),
      host: z.string(),
      startedAt: z.string(),
      lastSeenAt: z.string(),
    }),
  ),
});
export type SystemStatusView = z.infer<typeof SystemStatusView>;
