import { Injectable } from '@nestjs/common';
import type {
  AdminTeamView,
  AdminUserView,
  DisableUserView,
  PasswordResetView,
  PatchTeamBody,
  PatchUserBody,
  PersonNameView,
} from '@switchboard/contracts';
import { conflict, invalid, notFound, type Viewer } from '@switchboard/domain';
import { AccessChanges } from '../auth/access-changes.js';
import { AuthService } from '../auth/auth.service.js';
import { assertStrongPassword } from '../auth/password-policy.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { Db, type Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { reassignOpenTickets } from './reassign-open-tickets.js';

const UNIQUE_VIOLATION = '23505';

const USER_COLUMNS = `u.id, u.email, u.name, u.role, u.active,
  ARRAY(SELECT team_id::text FROM team_memberships m WHERE m.user_id = u.id ORDER BY team_id) AS "teamIds",
  (SELECT max(s.created_at) FROM sessions s WHERE s.user_id = u.id) AS "lastSignInAt"`;

/**
 * People and teams as admins manage them. Role and team changes are plain rows: every REST
 * request reads them afresh, and `AccessChanges` moves live sockets to the new rooms.
 *
 * Disabling through `disable` moves the person's open tickets (to a chosen agent or back to the
 * team's queue) with a timeline event saying why; a bare `active: false` patch leaves them as
 * they are, and the console always disables through `disable`.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
    private readonly access: AccessChanges,
    private readonly writer: TicketWriter,
  ) {}

  async listUsers(): Promise<AdminUserView[]> {
    const rows = await this.db.query<AdminUserView & { lastSignInAt: Date | null }>(
      `SELECT ${USER_COLUMNS} FROM users u ORDER BY u.active DESC, lower(u.name)`,
    );
    return rows.map(toAdminUser);
  }

  async updateUser(actor: Viewer, id: string, patch: PatchUserBody): Promise<AdminUserView> {
    if (!isUuid(id)) throw notFound('user not found');
    if (patch.teamIds) await this.requireTeams(patch.teamIds);
    const before = await this.db.tx((sql) => this.applyPatch(sql, actor, id, patch));
    // After the commit, so a socket that reconnects at once already reads the new state.
    if (patch.active === false && before.active) await this.auth.revokeAllSessions(id, 'account_disabled');
    else if (patch.role !== undefined || patch.teamIds) this.access.scopeChanged(id);
    return this.findUser(id);
  }

  /**
   * Disables a person and, in the same transaction, moves their open tickets to another active
   * agent or back to their team's queue, so no ticket waits on someone who cannot sign in.
   */
  async disable(actor: Viewer, id: string, reassignToAgentId: string | null): Promise<DisableUserView> {
    if (!isUuid(id)) throw notFound('user not found');
    if (actor.userId === id) throw invalid('id: you cannot disable your own account; ask another admin');
    if (reassignToAgentId) await this.requireReassignTarget(reassignToAgentId, id);
    let reassignedTickets = 0;
    const before = await this.writer.transaction(async (tx) => {
      const current = await this.applyPatch(tx.sql, actor, id, { active: false });
      reassignedTickets = await reassignOpenTickets(tx, {
        fromAgentId: id,
        toAgentId: reassignToAgentId,
        actorId: actor.userId,
      });
      return current;
    });
    if (before.active) await this.auth.revokeAllSessions(id, 'account_disabled');
    return { reassignedTickets };
  }

  /** Everyone's name and whether they still work here, for labels on old tickets and events. */
  listNames(): Promise<PersonNameView[]> {
    return this.db.query<PersonNameView>(`SELECT id, name, active FROM users ORDER BY lower(name)`);
  }

  /** The user row change with its guards, in the caller's transaction; the row as it was. */
  private async applyPatch(
    sql: Sql,
    actor: Viewer,
    id: string,
    patch: PatchUserBody,
  ): Promise<{ role: string; active: boolean }> {
    const [current] = await sql.query<{ role: string; active: boolean }>(
      `SELECT role, active FROM users WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!current) throw notFound('user not found');
    const losesAdmin =
      current.role === 'admin' &&
      current.active &&
      ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
    if (losesAdmin) await this.guardAdminLoss(sql, actor, id);
    await sql.query(
      `UPDATE users SET name = coalesce($2, name), role = coalesce($3, role), active = coalesce($4, active), updated_at = now() WHERE id = $1`,
      [id, patch.name ?? null, patch.role ?? null, patch.active ?? null],
    );
    if (patch.teamIds) {
      await sql.query(`DELETE FROM team_memberships WHERE user_id = $1 AND NOT (team_id = ANY($2::uuid[]))`, [
        id,
        patch.teamIds,
      ]);
      await sql.query(
        `INSERT INTO team_memberships (team_id, user_id) SELECT unnest($2::uuid[]), $1 ON CONFLICT DO NOTHING`,
        [id, patch.teamIds],
      );
    }
    return current;
  }

  private async requireReassignTarget(agentId: string, leaving: string): Promise<void> {
    if (agentId === leaving)
      throw invalid('reassignToAgentId: choose someone other than the person being disabled');
    const target = await this.db.one<{ name: string; active: boolean }>(
      `SELECT name, active FROM users WHERE id = $1`,
      [agentId],
    );
    if (!target) throw invalid(`reassignToAgentId: no user with id ${agentId}`);
    if (!target.active)
      throw invalid(`reassignToAgentId: ${target.name} is disabled; choose an active agent`);
  }

  /** Without a chosen password one is generated and returned this once; either way old sessions end. */
  async resetPassword(id: string, chosen: string | undefined): Promise<PasswordResetView> {
    if (!isUuid(id)) throw notFound('user not found');
    if (chosen !== undefined) {
      const owner = await this.db.one<{ email: string; name: string }>(
        `SELECT email, name FROM users WHERE id = $1`,
        [id],
      );
      if (!owner) throw notFound('user not found');
      assertStrongPassword('password', chosen, owner);
    }
    const password = chosen ?? generatePassword();
    const rows = await this.db.query(
      `UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING id`,
      [id, await hashPassword(password)],
    );
    if (rows.length === 0) throw notFound('user not found');
    await this.auth.revokeAllSessions(id, 'password_changed');
    return chosen ? {} : { password };
  }

  async listTeams(): Promise<AdminTeamView[]> {
    return this.db.query<AdminTeamView>(
      `SELECT t.id, t.name, (SELECT count(*)::int FROM team_memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = t.id AND u.active) AS "memberCount"
         FROM teams t ORDER BY lower(t.name)`,
    );
  }

  async updateTeam(id: string, patch: PatchTeamBody): Promise<AdminTeamView> {
    if (!isUuid(id)) throw notFound('team not found');
    try {
      if (patch.name !== undefined)
        await this.db.query(`UPDATE teams SET name = $2 WHERE id = $1`, [id, patch.name]);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION)
        throw conflict('name: a team with this name exists');
      throw err;
    }
    const team = (await this.listTeams()).find((t) => t.id === id);
    if (!team) throw notFound('team not found');
    return team;
  }

  /** A helpdesk must keep someone who can manage it, and an admin must not lock themselves out by a slip. */
  private async guardAdminLoss(sql: Sql, actor: Viewer, id: string): Promise<void> {
    if (actor.userId === id) throw invalid('id: you cannot disable or demote yourself; ask another admin');
    // Locks every active admin row, so two admins demoting each other at once cannot both succeed.
    const admins = await sql.query<{ id: string }>(
      `SELECT id FROM users WHERE role = 'admin' AND active FOR UPDATE`,
    );
    if (!admins.some((a) => a.id !== id))
      throw conflict('the last active admin cannot be disabled or demoted');
  }

  private async findUser(id: string): Promise<AdminUserView> {
    const row = await this.db.one<AdminUserView & { lastSignInAt: Date | null }>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`,
      [id],
    );
    if (!row) throw notFound('user not found');
    return toAdminUser(row);
  }

  private async requireTeams(ids: string[]): Promise<void> {
    const found = await this.db.query<{ id: string }>(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw invalid(`teamIds: unknown team ${missing.join(', ')}`);
  }
}

function toAdminUser(
  row: Omit<AdminUserView, 'lastSignInAt'> & { lastSignInAt: Date | string | null },
): AdminUserView {
  return { ...row, lastSignInAt: row.lastSignInAt ? new Date(row.lastSignInAt).toISOString() : null };
}
