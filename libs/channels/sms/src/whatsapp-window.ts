import { replyWindowAfter, type ReplyWindow } from '@switchboard/channel-kit';

/** WhatsApp's customer-service window: free-form replies only within 24 hours of the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function whatsAppReplyWindow(lastCustomerMessageAt: Date | null | undefined, now: Date): ReplyWindow {
  return replyWindowAfter(lastCustomerMessageAt, WHATSAPP_WINDOW_MS, now);
}

export function canSendFreeForm(lastCustomerMessageAt: Date | null | undefined, now: Date): boolean {
  return whatsAppReplyWindow(lastCustomerMessageAt, now).freeFormUntil !== null;
}
