import type { DeliveryStatusUpdate } from '@switchboard/channel-kit';
import type { DeliveryState } from '@switchboard/contracts';
import { describeTwilioError } from './twilio-errors.js';

export interface TwilioStatusUpdate {
  /** The MessageSid our send returned. */
  providerMessageId: string;
  state: DeliveryState;
  /** Twilio's own word (accepted, scheduled, canceled…), for the audit trail. */
  providerStatus: string;
  errorCode?: string;
  /** Plain-words reason an agent sees when the message failed. */
  reason?: string;
  channel: 'sms' | 'whatsapp';
}

/** Twilio's MessageStatus values → our delivery states. Ordering is enforced by the core (canAdvanceDelivery). */
const STATES: Record<string, DeliveryState> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

type Params = Record<string, string | string[] | undefined>;
const one = (params: Params, key: string): string | undefined => {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
};

/** Whether a webhook on the Twilio URL is a status callback for one of our sends or an inbound message. */
export function classifyTwilioWebhook(params: Params): 'status' | 'message' {
  const status = (one(params, 'MessageStatus') ?? one(params, 'SmsStatus') ?? '').toLowerCase();
  return status in STATES ? 'status' : 'message';
}

/** A status callback as a delivery-state change, or null when it is not one (an inbound message). */
export function parseTwilioStatusCallback(params: Params): TwilioStatusUpdate | null {
  const providerStatus = (one(params, 'MessageStatus') ?? one(params, 'SmsStatus') ?? '').toLowerCase();
  const state = STATES[providerStatus];
  const sid = one(params, 'MessageSid') ?? one(params, 'SmsSid');
  if (!state || !sid) return null;
  const errorCode = one(params, 'ErrorCode') || undefined;
  const from = one(params, 'From') ?? one(params, 'To') ?? '';
  const update: TwilioStatusUpdate = {
    providerMessageId: sid,
    state,
    providerStatus,
    channel: /^whatsapp:/i.test(from) ? 'whatsapp' : 'sms',
  };
  if (errorCode) update.errorCode = errorCode;
  if (state === 'failed' || state === 'undelivered') {
    update.reason =
      providerStatus === 'canceled'
        ? 'The scheduled message was canceled.'
        : describeTwilioError(
            errorCode,
            one(params, 'ErrorMessage') ?? 'Twilio could not deliver the message.',
          );
  }
  return update;
}

/** A webhook on the Twilio URL as delivery reports in the kit's shape: [] when it is an inbound message. */
export function twilioDeliveryReports(channelAccountId: string, params: Params): DeliveryStatusUpdate[] {
  if (classifyTwilioWebhook(params) !== 'status') return [];
  const update = parseTwilioStatusCallback(params);
  if (!update) return [];
  return [
    {
      channelAccountId,
      providerMessageId: update.providerMessageId,
      state: update.state,
      ...(update.reason ? { reason: update.reason } : {}),
      ...(update.errorCode ? { errorCode: update.errorCode } : {}),
    },
  ];
}
