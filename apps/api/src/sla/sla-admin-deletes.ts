import type { Sql } from '../common/db.js';
import { conflict, notFound } from '@switchboard/domain';

/**
 * Deleting what SLA clocks depend on. A policy with open tickets is refused: they would lose
 * their due times at once; deactivating it first moves them to the next matching policy, and
 * then it can go. Solved tickets keep their history (their clock entries drop the reference).
 */
export async function deletePolicy(sql: Sql, id: string): Promise<void> {
  const [policy] = await sql.query<{ name: string }>(
    `SELECT name FROM sla_policies WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!policy) throw notFound('policy not found');
  const [{ open }] = await sql.query<{ open: number }>(
    `SELECT count(*)::int AS open FROM tickets WHERE sla_policy_id = $1 AND status NOT IN ('solved', 'closed')`,
    [id],
  );
  if (open > 0)
    throw conflict(
      `"${policy.name}" runs the SLA clocks of ${open} open ticket${open === 1 ? '' : 's'}: deactivate it first, so they move to another policy, then delete it`,
    );
  await sql.query(`DELETE FROM sla_policies WHERE id = $1`, [id]);
}

/** A calendar in use by a policy is refused, naming the policies, so no policy is left counting round the clock unnoticed. */
export async function deleteCalendar(sql: Sql, id: string): Promise<void> {
  const [calendar] = await sql.query<{ name: string }>(
    `SELECT name FROM business_calendars WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!calendar) throw notFound('calendar not found');
  const users = await sql.query<{ name: string }>(
    `SELECT name FROM sla_policies WHERE calendar_id = $1 ORDER BY sort_order, name`,
    [id],
  );
  if (users.length)
    throw conflict(
      `"${calendar.name}" is the calendar of ${users.map((p) => `"${p.name}"`).join(', ')}: choose another calendar there first`,
    );
  await sql.query(`DELETE FROM business_calendars WHERE id = $1`, [id]);
}
