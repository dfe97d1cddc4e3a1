import type { RetentionSettings } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { readSetting, writeSetting, type SettingKey } from '../settings/app-settings.js';

const KEYS: Record<keyof RetentionSettings, SettingKey> = {
  deleteClosedTicketsAfterDays: 'retention.delete_closed_tickets_after_days',
  deleteQuarantineAfterDays: 'retention.delete_quarantine_after_days',
};

/** A stored number of days, or null (kept forever) for an empty or unreadable value. */
function daysOf(stored: string): number | null {
  const days = stored ? Number(stored) : NaN;
  return Number.isInteger(days) && days > 0 ? days : null;
}

export async function readRetentionSettings(sql: Sql): Promise<RetentionSettings> {
  const [tickets, quarantine] = await Promise.all([
    readSetting(sql, KEYS.deleteClosedTicketsAfterDays),
    readSetting(sql, KEYS.deleteQuarantineAfterDays),
  ]);
  return {
    deleteClosedTicketsAfterDays: daysOf(tickets.value),
    deleteQuarantineAfterDays: daysOf(quarantine.value),
  };
}

/** Writes the fields given; null goes back to keeping forever. */
export async function writeRetentionSettings(
  sql: Sql,
  change: Partial<RetentionSettings>,
  userId: string,
): Promise<void> {
  for (const field of Object.keys(KEYS) as Array<keyof RetentionSettings>) {
    const days = change[field];
    if (days !== undefined) await writeSetting(sql, KEYS[field], days === null ? null : String(days), userId);
  }
}
