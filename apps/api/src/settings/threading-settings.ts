import type { ThreadingSettings } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { readSetting, writeSetting } from './app-settings.js';

/** The workspace's threading rules; the reopen window falls back to the server's configured one. */
export async function readThreadingSettings(
  sql: Sql,
  defaultReopenWindowSeconds: number,
): Promise<ThreadingSettings> {
  const [join, window] = await Promise.all([
    readSetting(sql, 'threading.join_across_channels'),
    readSetting(sql, 'threading.reopen_window_seconds'),
  ]);
  return {
    joinAcrossChannels: join.value === 'true',
    reopenWindowSeconds: reopenWindowOf(window.value, defaultReopenWindowSeconds),
  };
}

export async function writeThreadingSettings(
  sql: Sql,
  change: Partial<ThreadingSettings>,
  userId: string,
): Promise<void> {
  if (change.joinAcrossChannels !== undefined)
    await writeSetting(sql, 'threading.join_across_channels', String(change.joinAcrossChannels), userId);
  if (change.reopenWindowSeconds !== undefined)
    await writeSetting(sql, 'threading.reopen_window_seconds', String(change.reopenWindowSeconds), userId);
}

/** A stored window, or the default when none is stored (ingest reads the raw value in its first statement). */
export function reopenWindowOf(stored: string | null | undefined, fallback: number): number {
  const seconds = stored ? Number(stored) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : fallback;
}
