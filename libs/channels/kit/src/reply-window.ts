/**
 * Some providers allow a free-form reply only for a while after the customer last wrote
 * (WhatsApp: 24 hours; Messenger and Instagram: 24 hours, 7 days with the human-agent tag).
 * The adapter knows the length; the console shows the agent when the window closes.
 */
export interface ReplyWindow {
  /** Until when a free-form reply is allowed; null when the customer never wrote or the window has closed. */
  freeFormUntil: Date | null;
}

/** The window of `lengthMs` opened by the customer's last message, as seen at `now`. */
export function replyWindowAfter(
  lastInboundAt: Date | null | undefined,
  lengthMs: number,
  now: Date,
): ReplyWindow {
  if (!lastInboundAt) return { freeFormUntil: null };
  const until = lastInboundAt.getTime() + lengthMs;
  return { freeFormUntil: until > now.getTime() ? new Date(until) : null };
}
