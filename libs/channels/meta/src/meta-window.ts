import { replyWindowAfter, type ReplyWindow } from '@switchboard/channel-kit';

/** Messenger and Instagram: standard replies within 24 hours of the customer's last message. */
export const META_STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The HUMAN_AGENT tag (an approved permission) extends replies by a human to 7 days. */
export const META_HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type MetaMessagingDecision =
  | { allowed: true; messagingType: 'RESPONSE' }
  | { allowed: true; messagingType: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' }
  | { allowed: false; reason: string };

/** How (and whether) a reply may be sent now, given when the customer last wrote. */
export function decideMetaMessaging(
  lastCustomerMessageAt: Date | null | undefined,
  now: Date,
  options: { humanAgentTag?: boolean } = {},
): MetaMessagingDecision {
  if (!lastCustomerMessageAt) {
    return {
      allowed: false,
      reason:
        'The customer has not written to this page yet; Meta only allows replies to people who wrote first.',
    };
  }
  const age = now.getTime() - lastCustomerMessageAt.getTime();
  if (age < META_STANDARD_WINDOW_MS) return { allowed: true, messagingType: 'RESPONSE' };
  if (options.humanAgentTag && age < META_HUMAN_AGENT_WINDOW_MS) {
    return { allowed: true, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  }
  return {
    allowed: false,
    reason: options.humanAgentTag
      ? 'Outside the 7-day human-agent window: the customer last wrote more than 7 days ago, so Meta does not allow a reply until they write again.'
      : 'Outside the 24-hour messaging window: the customer last wrote more than 24 hours ago, so Meta does not allow a reply until they write again (or the page is approved for the HUMAN_AGENT tag).',
  };
}

/** Until when a reply is allowed: 24 hours after the customer last wrote, 7 days with the HUMAN_AGENT tag. */
export function metaReplyWindow(
  lastCustomerMessageAt: Date | null | undefined,
  now: Date,
  options: { humanAgentTag?: boolean } = {},
): ReplyWindow {
  return replyWindowAfter(
    lastCustomerMessageAt,
    options.humanAgentTag ? META_HUMAN_AGENT_WINDOW_MS : META_STANDARD_WINDOW_MS,
    now,
  );
}
