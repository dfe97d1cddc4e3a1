import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tags become one spelling each (`normalizeTag` in @switchboard/domain: trimmed, single spaces,
 * lowercase): every ticket's tags are rewritten so, and spellings of one tag on one ticket
 * ("Export PDF", "export pdf") merge into one, kept where it was first given. Not reversible:
 * the old spellings are not kept, and `down` leaves the tags as they are.
 */
export class PolishNormaliseTags1764001213000 implements MigrationInterface {
  name = 'PolishNormaliseTags1764001213000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE tickets t SET tags = n.tags
        FROM (
          SELECT id, ARRAY(
                   SELECT tag FROM (
                     SELECT lower(regexp_replace(btrim(u.tag), '\\s+', ' ', 'g')) AS tag, min(u.i) AS first
                       FROM unnest(tk.tags) WITH ORDINALITY AS u(tag, i) GROUP BY 1) merged
                    WHERE tag <> '' ORDER BY first) AS tags
            FROM tickets tk WHERE tk.tags <> '{}') n
       WHERE n.id = t.id AND n.tags IS DISTINCT FROM t.tags
    `);
  }

  async down(): Promise<void> {
    // The merged spellings cannot be told apart again.
  }
}
