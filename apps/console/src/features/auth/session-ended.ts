/**
 * What the login screen says after a session ended, in the API's words when the API said why
 * (signed out, disabled by an admin, password changed), so only a real expiry reads as one.
 */
export const SIGNED_OUT = 'You signed out.';
export const ACCOUNT_DISABLED = 'Your account was disabled by an administrator.';
export const PASSWORD_CHANGED = 'Your password was changed; sign in with the new one.';
export const SESSION_EXPIRED = 'Your session expired.';

const KNOWN = new Set([SIGNED_OUT, ACCOUNT_DISABLED, PASSWORD_CHANGED, SESSION_EXPIRED]);

/** The API's sentence when it is one of the known reasons; anything else reads as an expiry. */
export function sessionEndedNotice(serverMessage: string | undefined): string {
  return serverMessage && KNOWN.has(serverMessage) ? serverMessage : SESSION_EXPIRED;
}
