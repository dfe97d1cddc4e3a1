// Defined in the kit so the outbox can honour retryAfterMs for every channel.
export { RetryableSendError } from '@switchboard/channel-kit';
