/** Twilio error codes an agent may see, in plain words. https://www.twilio.com/docs/api/errors */
const REASONS: Record<string, string> = {
  '20003': 'Twilio rejected the account SID or auth token; check the channel credentials.',
  '20404': 'Twilio could not find the account or resource; check the account SID.',
  '21211': "The customer's phone number is not a valid phone number.",
  '21408': 'Sending to this country is not enabled on the Twilio account (geo permissions).',
  '21602': 'The message was empty.',
  '21606': "The channel's 'From' number cannot send SMS; check the number configured for this channel.",
  '21608': 'A Twilio trial account can only message verified numbers.',
  '21610':
    'The customer replied STOP and has unsubscribed from this number; they must reply START before we can message them again.',
  '21612': 'Twilio cannot route a message between these two numbers.',
  '21614': "The customer's number is not a mobile number and cannot receive SMS.",
  '21617': 'The message is too long (more than 1600 characters).',
  '21660': "The channel's 'From' number does not belong to this Twilio account.",
  '30001': 'Twilio queue overflow: too many messages at once; it will be retried.',
  '30002': 'The Twilio account is suspended.',
  '30003': "The customer's phone is unreachable (switched off or out of coverage).",
  '30004': 'The message was blocked by the customer or their carrier.',
  '30005': "Unknown destination: the customer's number does not exist or is no longer in service.",
  '30006': "The customer's number is a landline or its carrier cannot receive SMS.",
  '30007': 'The carrier filtered the message as spam or unwanted content.',
  '30008': 'The carrier reported an unknown error.',
  '30034': 'US carriers blocked the message because the sending number is not registered for A2P 10DLC.',
  '63003': "The customer's number is not reachable on WhatsApp.",
  '63016':
    'Outside the 24-hour WhatsApp window: the customer last wrote more than 24 hours ago, so only an approved template can be sent.',
  '63018': 'WhatsApp rate limit reached; it will be retried.',
  '63024': 'The WhatsApp recipient is not valid.',
  '63032':
    'WhatsApp does not allow messages to this user (the number is in a restricted region or opted out).',
};

/** 4xx codes that can pass on a later attempt: rate limits and queue overflow. */
const RETRYABLE_CODES = new Set(['20429', '14107', '30001', '63018']);

export function describeTwilioError(code: string | number | undefined | null, fallback?: string): string {
  if (code === undefined || code === null || code === '') return fallback ?? 'Twilio reported an error.';
  return REASONS[String(code)] ?? (fallback ? `${fallback} (Twilio error ${code})` : `Twilio error ${code}.`);
}

export function isRetryableTwilioCode(code: string | number | undefined | null): boolean {
  return code !== undefined && code !== null && RETRYABLE_CODES.has(String(code));
}
