const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The first password of an invited person, made in the browser and shown to the admin once.
 * Rejection sampling keeps every character equally likely; no look-alikes such as l/1 and O/0.
 */
export function generatePassword(length = 18): string {
  const out: string[] = [];
  const limit = 256 - (256 % READABLE.length);
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length))) {
      if (byte < limit && out.length < length) out.push(READABLE[byte % READABLE.length]);
    }
  }
  return out.join('');
}
