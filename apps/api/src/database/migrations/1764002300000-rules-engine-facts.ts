import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the rule engine needs to judge more conditions: the contact's tags, and when an agent
 * last replied (for "hours since last agent reply" time rules, through a partial index like the
 * other anchors, so a sweep reads what is due rather than every open ticket).
 *
 * `IF NOT EXISTS` on the contact tags: the contact workspace may add the same column.
 */
export class RulesEngineFacts1764002300000 implements MigrationInterface {
  name = 'RulesEngineFacts1764002300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contacts ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}';
      ALTER TABLE tickets ADD COLUMN last_agent_reply_at timestamptz;
      UPDATE tickets t SET last_agent_reply_at = m.at
        FROM (SELECT ticket_id, max(created_at) AS at FROM messages
               WHERE direction = 'out' AND kind = 'message' AND author_id IS NOT NULL GROUP BY ticket_id) m
       WHERE m.ticket_id = t.id;
      CREATE INDEX ix_tickets_due_agent_reply ON tickets (last_agent_reply_at)
        WHERE status NOT IN ('solved', 'closed') AND last_agent_reply_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP INDEX ix_tickets_due_agent_reply; ALTER TABLE tickets DROP COLUMN last_agent_reply_at;`,
    );
  }
}
