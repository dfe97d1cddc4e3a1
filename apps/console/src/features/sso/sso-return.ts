/** What the API's SSO callback put in the console's address: a hand-off to trade, or why it refused. */
export type SsoReturn = { handoff: string } | { error: string } | null;

let taken: SsoReturn | undefined;

/**
 * Reads the callback's answer from the address once and removes it, so neither a reload nor the
 * browser's history nor a bookmark carries the one-time hand-off.
 */
export function takeSsoReturn(): SsoReturn {
  if (taken !== undefined) return taken;
  const params = new URLSearchParams(window.location.search);
  const handoff = params.get('ssoHandoff');
  const error = params.get('ssoError');
  taken = handoff ? { handoff } : error ? { error } : null;
  if (taken) {
    params.delete('ssoHandoff');
    params.delete('ssoError');
    const search = params.toString();
    window.history.replaceState(
      window.history.state,
      '',
      [window.location.pathname, search ? '?' : '', search, window.location.hash].join(''),
    );
  }
  return taken;
}

/** For tests: forget what was read. */
export function resetSsoReturn(): void {
  taken = undefined;
}
