import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the reports and the supervisor summary read at a million tickets, chosen from
 * `EXPLAIN (ANALYZE, BUFFERS)` of each query:
 * - "replies today" per agent walked every message of the agent: an index by author and time
 *   over agent replies makes it a short range scan;
 * - "open load" per agent read the agent's closed tickets too: a partial index of open tickets
 *   by assignee counts only open ones;
 * - the summary's per-team and per-channel counts scanned tickets: a partial covering index of
 *   open tickets answers them from the index alone;
 * - the reports over a period read ticket rows by creation or solve time: covering indexes let a
 *   year of history be read from the index instead of the whole rows.
 */
export class ReportIndexes1764004200000 implements MigrationInterface {
  name = 'ReportIndexes1764004200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_messages_author_replies ON messages (author_id, created_at)
        WHERE direction = 'out' AND kind = 'message';
      CREATE INDEX ix_tickets_open_assignee ON tickets (assignee_id) WHERE status NOT IN ('solved', 'closed');
      CREATE INDEX ix_tickets_open_summary ON tickets (team_id, channel)
        INCLUDE (assignee_id, sla_due_at, sla_at_risk_at) WHERE status NOT IN ('solved', 'closed');
      CREATE INDEX ix_tickets_report_created ON tickets (created_at)
        INCLUDE (team_id, assignee_id, channel, sla_policy_id, first_response_at, solved_at);
      CREATE INDEX ix_survey_responses_report ON survey_responses ((COALESCE(answered_at, created_at)))
        INCLUDE (kind, score, ticket_id, agent_id, channel);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS ix_survey_responses_report;
      DROP INDEX IF EXISTS ix_tickets_report_created;
      DROP INDEX IF EXISTS ix_tickets_open_summary;
      DROP INDEX IF EXISTS ix_tickets_open_assignee;
      DROP INDEX IF EXISTS ix_messages_author_replies;
    `);
  }
}
