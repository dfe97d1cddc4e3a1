import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Db, type Sql } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * Every kind of file the API keeps under the data directory for a message: raw mail and email
 * attachments (named by their sha256, so shared by identical bytes), agents' uploads and other
 * channels' attachments (a file each). Nothing outside these shapes is ever read or removed.
 */
const STORED_FILE_KEY =
  /^(?:mail\/[0-9a-f]{2}\/[0-9a-f]{64}\.eml|email-files\/[0-9a-f]{2}\/[0-9a-f]{64}|uploads\/[0-9a-f]{2}\/[0-9a-f-]{36}|attachments\/\d{4}-\d{2}\/[0-9a-f-]{36})$/;

export function isStoredFileKey(key: unknown): key is string {
  return typeof key === 'string' && STORED_FILE_KEY.test(key);
}

/** The absolute path of a stored file; throws for anything that is not a storage key. */
export function storedFilePath(dataDir: string, key: string): string {
  if (!isStoredFileKey(key)) throw new Error(`not a storage key: ${key}`);
  return join(dataDir, key);
}

/**
 * The files of the given tickets' messages (and of any other messages given): attachments and raw
 * mail named in the messages, agents' uploads and chat visitors' files, bounce reports and
 * quarantined originals that were re-imported as one of these messages.
 */
export async function fileKeysOf(
  sql: Sql,
  scope: { ticketIds: string[]; messageIds: string[] },
): Promise<string[]> {
  const rows = await sql.query<{ key: string }>(
    `WITH m AS (SELECT id, meta FROM messages WHERE ticket_id = ANY($1::uuid[]) OR id = ANY($2::uuid[]))
     SELECT meta->>'rawStorageKey' AS key FROM m
     UNION SELECT a->>'storageKey' FROM m
             CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(m.meta->'attachments') = 'array' THEN m.meta->'attachments' ELSE '[]' END) a
     UNION SELECT storage_key FROM outbound_attachments WHERE ticket_id = ANY($1::uuid[]) OR message_id IN (SELECT id FROM m)
     UNION SELECT storage_key FROM widget_attachments WHERE ticket_id = ANY($1::uuid[]) OR message_id IN (SELECT id FROM m)
     UNION SELECT raw_key FROM email_bounces WHERE message_id IN (SELECT id FROM m)
     UNION SELECT raw_key FROM email_quarantine WHERE reimported_message_id IN (SELECT id FROM m) OR reimported_ticket_id = ANY($1::uuid[])`,
    [scope.ticketIds, scope.messageIds],
  );
  return rows.map((r) => r.key).filter(isStoredFileKey);
}

/** Queues files for deletion in the caller's transaction: they go once it has committed. */
export async function queueFileDeletions(sql: Sql, keys: readonly string[]): Promise<void> {
  const files = [...new Set(keys.filter(isStoredFileKey))];
  if (files.length)
    await sql.query(
      `INSERT INTO pending_file_deletions (storage_key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [files],
    );
}

/**
 * Of `keys`, those some row still names. Raw mail and email attachments are stored once per
 * content, so a file of an erased message may also belong to another customer's copy of the same
 * mail. One pass over the messages that carry files answers for the whole batch.
 */
async function stillReferenced(sql: Sql, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await sql.query<{ key: string }>(
    `SELECT k AS key FROM unnest($1::text[]) k
      WHERE k IN (SELECT meta->>'rawStorageKey' FROM messages WHERE meta ? 'rawStorageKey')
         OR k IN (SELECT a->>'storageKey' FROM messages m
                    CROSS JOIN LATERAL jsonb_array_elements(m.meta->'attachments') a
                   WHERE jsonb_typeof(m.meta->'attachments') = 'array' AND m.meta->'attachments' <> '[]'::jsonb)
         OR k IN (SELECT storage_key FROM outbound_attachments)
         OR k IN (SELECT storage_key FROM widget_attachments)
         OR k IN (SELECT raw_key FROM email_quarantine)
         OR k IN (SELECT raw_key FROM email_bounces)`,
    [keys],
  );
  return new Set(rows.map((r) => r.key));
}

/** Removes queued files that no row names any more; any node may run it, each row is claimed once. */
@Injectable()
export class StoredFileEraser {
  private readonly logger = new Logger('StoredFileEraser');

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Works through the queue in batches; the number of files removed. */
  async drain(batch = 200): Promise<number> {
    let removed = 0;
    for (;;) {
      const { picked, deleted } = await this.db.tx(async (sql) => {
        const rows = await sql.query<{ storage_key: string }>(
          `SELECT storage_key FROM pending_file_deletions ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batch],
        );
        const keys = rows.map((r) => r.storage_key);
        const kept = await stillReferenced(sql, keys);
        let count = 0;
        for (const key of keys) {
          if (kept.has(key) || !isStoredFileKey(key)) continue;
          await rm(storedFilePath(this.config.dataDir, key), { force: true });
          count++;
        }
        if (keys.length)
          await sql.query(`DELETE FROM pending_file_deletions WHERE storage_key = ANY($1::text[])`, [keys]);
        return { picked: keys.length, deleted: count };
      });
      removed += deleted;
      if (picked < batch) break;
    }
    if (removed) this.logger.log(`removed ${removed} stored file(s) no message names any more`);
    return removed;
  }
}
