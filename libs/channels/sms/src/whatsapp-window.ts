/** WhatsApp's customer-service window: free-form replies only within 24 hours of the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function canSendFreeForm(lastCustomerMessageAt: Date | null | undefined, now: Date): boolean {
  if (!lastCustomerMessageAt) return false;
  const age = now.getTime() - lastCustomerMessageAt.getTime();
  return age < WHATSAPP_WINDOW_MS;
}

/** When the window closes (null when the customer never wrote). */
export function freeFormWindowClosesAt(lastCustomerMessageAt: Date | null | undefined): Date | null {
  return lastCustomerMessageAt ? new Date(lastCustomerMessageAt.getTime() + WHATSAPP_WINDOW_MS) : null;
}
