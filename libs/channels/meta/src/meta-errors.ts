import { PermanentSendError, RetryableSendError } from '@switchboard/channel-kit';

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

/** Codes for temporary trouble and rate limits: https://developers.facebook.com/docs/messenger-platform/error-codes */
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 1200, 80006]);

function plainReason(error: GraphErrorBody): string {
  const { code, error_subcode: subcode } = error;
  if (code === 10 && subcode === 2018278) {
    return 'Outside the 24-hour messaging window: Meta refused the reply because the customer last wrote more than 24 hours ago.';
  }
  if (code === 10 || code === 200 || code === 230) {
    return 'The page has not granted this app permission to send messages (pages_messaging); reconnect the page.';
  }
  if (code === 190) return 'Meta rejected the page access token (expired or revoked); reconnect the page.';
  if (code === 551)
    return 'This person is not available right now (they may have blocked the page or deactivated their account).';
  if (code === 100 && subcode === 2018001)
    return 'No matching user: this person cannot be messaged from this page.';
  if (code === 100 && subcode === 2018109) return 'The attachment is too large for Meta.';
  if (code === 368)
    return 'Meta has temporarily blocked this page from sending messages for a policy violation.';
  return `Meta refused the message: ${error.message ?? 'unknown error'}${code ? ` (code ${code}${subcode ? `/${subcode}` : ''})` : ''}`;
}

/** A failed Send API call → PermanentSendError (retrying cannot help) or RetryableSendError. */
export function classifyGraphError(
  status: number,
  error: GraphErrorBody | undefined,
): PermanentSendError | RetryableSendError {
  const code = error?.code;
  const tag =
    code === undefined ? `http_${status}` : `${code}${error?.error_subcode ? `/${error.error_subcode}` : ''}`;
  if (status >= 500 || status === 429 || (code !== undefined && RETRYABLE_CODES.has(code))) {
    return new RetryableSendError(
      `Meta is temporarily unavailable or rate-limiting: ${error?.message ?? `HTTP ${status}`}`,
      tag,
    );
  }
  return new PermanentSendError(
    error ? plainReason(error) : `Meta refused the message (HTTP ${status}).`,
    tag,
  );
}
