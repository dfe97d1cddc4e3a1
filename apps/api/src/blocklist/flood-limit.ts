import { z } from 'zod';
import type { Sql } from '../common/db.js';

/** The `app_settings` key of the per-contact flood limit. */
export const FLOOD_LIMIT_KEY = 'spam.flood_limit';

/**
 * More than `maxMessages` from one contact within `windowSeconds`, on any channel, and the rest
 * of that window is folded into one notice on the ticket (stored, but not shown one by one).
 */
export const FloodLimit = z
  .object({
    enabled: z.boolean(),
    maxMessages: z.number().int().min(1).max(10_000),
    windowSeconds: z.number().int().min(1).max(86_400),
  })
  .strict();
export type FloodLimit = z.infer<typeof FloodLimit>;

export const DEFAULT_FLOOD_LIMIT: FloodLimit = { enabled: true, maxMessages: 30, windowSeconds: 60 };

/** The SQL reading the limit's fields with their defaults, as the columns `max`, `win`, `enabled`. */
export const FLOOD_LIMIT_SQL = `
  SELECT COALESCE((v->>'maxMessages')::int, ${DEFAULT_FLOOD_LIMIT.maxMessages}) AS max,
         COALESCE((v->>'windowSeconds')::int, ${DEFAULT_FLOOD_LIMIT.windowSeconds}) AS win,
         COALESCE((v->>'enabled')::boolean, ${DEFAULT_FLOOD_LIMIT.enabled}) AS enabled
    FROM (SELECT (SELECT value FROM app_settings WHERE key = '${FLOOD_LIMIT_KEY}') AS v) s`;

const WINDOW_OVER = `f.window_started_at <= now() - make_interval(secs => (SELECT win FROM limits))`;

/**
 * Counts `EXCLUDED.received` new messages into a sender's flood window (the row aliased `f`,
 * with `limits` from FLOOD_LIMIT_SQL in scope): a window past its length starts over with them.
 */
export const FLOOD_WINDOW_COUNT_SQL = `
  ON CONFLICT (contact_id) DO UPDATE SET
    received = CASE WHEN ${WINDOW_OVER} THEN EXCLUDED.received ELSE f.received + EXCLUDED.received END,
    notice_event_id = CASE WHEN ${WINDOW_OVER} THEN NULL ELSE f.notice_event_id END,
    window_started_at = CASE WHEN ${WINDOW_OVER} THEN now() ELSE f.window_started_at END`;

export async function readFloodLimit(sql: Sql): Promise<FloodLimit> {
  const [row] = await sql.query<{ max: number; win: number; enabled: boolean }>(FLOOD_LIMIT_SQL);
  return { enabled: row.enabled, maxMessages: row.max, windowSeconds: row.win };
}

export async function writeFloodLimit(sql: Sql, limit: FloodLimit, userId: string): Promise<void> {
  await sql.query(
    `INSERT INTO app_settings (key, value, updated_by) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [FLOOD_LIMIT_KEY, JSON.stringify(limit), userId],
  );
}
