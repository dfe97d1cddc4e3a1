/**
 * Why a session stopped working, as stored on the session row and as told to the person: the
 * console shows the sentence on the login screen, so "you signed out" and "an admin disabled
 * your account" are not both reported as an expiry.
 */
export const SESSION_END_REASONS = {
  signed_out: 'You signed out.',
  account_disabled: 'Your account was disabled by an administrator.',
  password_changed: 'Your password was changed; sign in with the new one.',
  session_expired: 'Your session expired.',
  two_factor_required: 'Your role now requires two-factor authentication; sign in again to set it up.',
} as const;

export type SessionEndReason = keyof typeof SESSION_END_REASONS;

export interface SessionEnd {
  reason: SessionEndReason;
  message: string;
}

export function sessionEnd(reason: SessionEndReason): SessionEnd {
  return { reason, message: SESSION_END_REASONS[reason] };
}

/** The reason for a session row that no longer authenticates; an unknown token reads as expired. */
export function explainEndedSession(
  row: { end_reason: string | null; revoked: boolean; active: boolean } | null,
): SessionEnd {
  if (!row) return sessionEnd('session_expired');
  if (!row.active) return sessionEnd('account_disabled');
  if (row.revoked && row.end_reason && row.end_reason in SESSION_END_REASONS)
    return sessionEnd(row.end_reason as SessionEndReason);
  return sessionEnd('session_expired');
}
