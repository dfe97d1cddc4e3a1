import { z } from 'zod';

/** A reply a demo channel "sent": recorded in place of a provider, `GET /api/admin/demo-deliveries`. */
export const DemoDeliveryView = z.object({
  messageId: z.string(),
  channelAccountId: z.string(),
  channelKind: z.string(),
  to: z.string(),
  text: z.string(),
  recordedAt: z.string(),
});
export type DemoDeliveryView = z.infer<typeof DemoDeliveryView>;
