/**
 * Delivery state of an outbound message. Provider callbacks arrive out of order, so a state
 * only ever moves forward in rank; `failed` and `undelivered` are final and outrank the rest.
 */
export const DELIVERY_STATES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'undelivered',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const RANK: Record<DeliveryState, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  undelivered: 5,
  failed: 5,
};

const FINAL: ReadonlySet<DeliveryState> = new Set(['read', 'failed', 'undelivered']);

/** True when moving from `from` to `to` is progress; stale or repeated callbacks return false. */
export function canAdvanceDelivery(from: DeliveryState, to: DeliveryState): boolean {
  if (FINAL.has(from)) return false;
  // A retry moves a message back from sending to queued; that is the one allowed step back.
  if (from === 'sending' && to === 'queued') return true;
  return RANK[to] > RANK[from];
}
