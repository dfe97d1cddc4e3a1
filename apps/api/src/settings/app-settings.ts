import { DEFAULT_HOLD_TEMPLATE } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';

/** Keys of `app_settings`, with what applies while an admin has not set them. */
export const SETTING_DEFAULTS = {
  'hold.customer_template': DEFAULT_HOLD_TEMPLATE,
  /** A reply to an unassigned ticket assigns it to the agent who replied ('true' or 'false'). */
  'reply.assign_on_reply': 'true',
  /** A contact's message joins their open ticket whatever the channel ('true' or 'false'). */
  'threading.join_across_channels': 'true',
  /** Seconds a solved ticket takes the customer's next message; '' = the server's REOPEN_WINDOW_SECONDS. */
  'threading.reopen_window_seconds': '',
  /** Days after closing that a closed ticket is deleted; '' = kept forever. */
  'retention.delete_closed_tickets_after_days': '',
  /** Days after arrival that quarantined mail is deleted; '' = kept forever. */
  'retention.delete_quarantine_after_days': '',
  /** The workspace's language (a BCP 47 tag): full-text search stems and folds words in it. */
  'workspace.language': 'en',
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

/** A setting's value, or its default; takes a transaction's `sql` so it reads what that transaction sees. */
export async function readSetting(sql: Sql, key: SettingKey): Promise<{ value: string; isDefault: boolean }> {
  const [row] = await sql.query<{ value: string }>(`SELECT value FROM app_settings WHERE key = $1`, [key]);
  return row ? { value: row.value, isDefault: false } : { value: SETTING_DEFAULTS[key], isDefault: true };
}

export async function writeSetting(
  sql: Sql,
  key: SettingKey,
  value: string | null,
  userId: string,
): Promise<void> {
  if (value === null) await sql.query(`DELETE FROM app_settings WHERE key = $1`, [key]);
  else
    await sql.query(
      `INSERT INTO app_settings (key, value, updated_by) VALUES ($1, to_jsonb($2::text), $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [key, value, userId],
    );
}
