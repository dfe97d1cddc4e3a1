/** The outcome of checking a webhook's signature; `reason` is safe to log (never holds a secret). */
export type SignatureCheck = { valid: true } | { valid: false; reason: string };
