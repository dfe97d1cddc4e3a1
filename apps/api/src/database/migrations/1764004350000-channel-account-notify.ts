import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed insert or update of a channel account is announced on the
 * `channel_account_changed` notification channel with the account's id, whatever wrote it (the
 * admin screens, the seed, a repair by hand). Nodes that watch mailboxes listen, so a new or
 * re-enabled mailbox is picked up at once by whichever node can take its lease, instead of at
 * the next periodic scan. PostgreSQL delivers a notification only when its transaction commits.
 */
export class ChannelAccountNotify1764004350000 implements MigrationInterface {
  name = 'ChannelAccountNotify1764004350000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION channel_account_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('channel_account_changed', NEW.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER channel_account_notify_change AFTER INSERT OR UPDATE ON channel_accounts
        FOR EACH ROW EXECUTE FUNCTION channel_account_notify_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER channel_account_notify_change ON channel_accounts`);
    await q.query(`DROP FUNCTION channel_account_notify_change()`);
  }
}
