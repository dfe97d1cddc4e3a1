/**
 * Whether a mail's From address is proven, read from the Authentication-Results header (RFC 8601)
 * that OUR receiving server added. Anyone can write that header into a mail they send, so only
 * results stamped with one of our servers' authserv-ids count; with none configured, no mail is
 * proven. Proven means DMARC passed for the From domain, or DKIM or SPF passed for a domain
 * aligned with it (the same domain or a parent of it).
 */
export function senderAuthenticated(
  authenticationResults: readonly string[],
  trustedServIds: readonly string[],
  fromAddress: string | undefined,
): boolean {
  const fromDomain = fromAddress?.split('@')[1]?.toLowerCase();
  if (!fromDomain || trustedServIds.length === 0) return false;
  const trusted = new Set(trustedServIds.map((id) => id.toLowerCase()));
  return authenticationResults.some((header) => {
    const [servId, ...results] = withoutComments(header).split(';');
    if (!trusted.has(servId.trim().split(/\s+/)[0]?.toLowerCase() ?? '')) return false;
    return results.some((result) => provesDomain(result, fromDomain));
  });
}

/** One `method=result prop=value …` clause: does it pass for the From domain? */
function provesDomain(clause: string, fromDomain: string): boolean {
  const [methodResult, ...props] = clause.trim().split(/\s+/);
  const [method, result] = (methodResult ?? '').toLowerCase().split('=');
  if (result !== 'pass') return false;
  const prop = (name: string) =>
    props
      .map((p) => p.split('='))
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.toLowerCase();
  const aligned = (domain: string | undefined) =>
    !!domain && (fromDomain === domain || fromDomain.endsWith(`.${domain}`));
  if (method === 'dmarc') return prop('header.from') === fromDomain;
  if (method === 'dkim') return aligned(prop('header.d') ?? prop('header.i')?.split('@').pop());
  if (method === 'spf') return aligned(prop('smtp.mailfrom')?.split('@').pop());
  return false;
}

/** RFC 5322 comments `( … )` say nothing the result depends on; nested ones included. */
function withoutComments(header: string): string {
  let depth = 0;
  let out = '';
  for (const ch of header) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}
