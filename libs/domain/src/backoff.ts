/** Exponential backoff with full jitter, capped; attempt counts from 1. */
export function backoffDelayMs(
  attempt: number,
  baseMs = 1000,
  capMs = 10 * 60_000,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
