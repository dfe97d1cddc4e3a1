import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { UserView } from '@switchboard/contracts';
import { forbidden, unauthenticated, type Viewer } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { assertStrongPassword } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { explainEndedSession, type SessionEnd, type SessionEndReason } from './session-end.js';
import { SessionRevocations } from './session-revocations.js';

const SESSION_TTL_HOURS = 12;

export interface AuthenticatedViewer extends Viewer {
  readonly name: string;
  readonly email: string;
  readonly sessionId: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface ViewerRow {
  session_id: string;
  id: string;
  email: string;
  name: string;
  role: Viewer['role'];
  team_ids: string[];
}

/** Opaque bearer tokens stored hashed, so logout, a password change or disabling a user kills them at once. */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly revocations: SessionRevocations,
  ) {}

  async login(email: string, password: string): Promise<{ token: string; user: UserView }> {
    const user = await this.checkPassword(email, password);
    return this.startSession(user.id);
  }

  /** The account behind a right email and password; a 401 otherwise, a 403 for a disabled account. */
  async checkPassword(email: string, password: string): Promise<{ id: string; email: string }> {
    const user = await this.db.one<{ id: string; email: string; password_hash: string; active: boolean }>(
      `SELECT id, email, password_hash, active FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    // Verify against a dummy hash for unknown users so timing does not reveal which emails exist.
    const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
    if (!user || !ok) throw unauthenticated('wrong email or password');
    // Said only after the right password, so it reveals nothing to someone guessing.
    if (!user.active) throw forbidden('this account is disabled; ask an admin to enable it');
    return { id: user.id, email: user.email };
  }

  /** A new session for a user who passed every login step. */
  async startSession(userId: string): Promise<{ token: string; user: UserView }> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [userId, hashToken(token), SESSION_TTL_HOURS],
    );
    const viewer = await this.viewerForToken(token);
    return { token, user: toUserView(viewer!) };
  }

  /** Role and teams are read on every call, so an admin's change applies to the very next request. */
  viewerForToken(token: string): Promise<AuthenticatedViewer | null> {
    return this.liveViewer('s.token_hash = $1', hashToken(token));
  }

  /** Why a token no longer works (signed out, disabled, password changed, expired), for the 401 answer. */
  async whyEnded(token: string): Promise<SessionEnd> {
    const row = await this.db.one<{ end_reason: string | null; revoked: boolean; active: boolean }>(
      `SELECT s.end_reason, s.revoked_at IS NOT NULL AS revoked, u.active
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [hashToken(token)],
    );
    return explainEndedSession(row);
  }

  /** The same check for a connected socket, which holds its session id rather than the token. */
  viewerForSession(sessionId: string): Promise<AuthenticatedViewer | null> {
    return this.liveViewer('s.id = $1', sessionId);
  }

  private async liveViewer(
    match: 's.token_hash = $1' | 's.id = $1',
    value: string,
  ): Promise<AuthenticatedViewer | null> {
    const row = await this.db.one<ViewerRow>(
      `SELECT s.id AS session_id, u.id, u.email, u.name, u.role,
              ARRAY(SELECT team_id::text FROM team_memberships m WHERE m.user_id = u.id) AS team_ids
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE ${match} AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [value],
    );
    if (!row) return null;
    return {
      sessionId: row.session_id,
      userId: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      teamIds: row.team_ids,
    };
  }

  async logout(viewer: AuthenticatedViewer): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now(), end_reason = 'signed_out' WHERE id = $1`, [
      viewer.sessionId,
    ]);
    this.revocations.sessionRevoked(viewer.sessionId);
  }

  async changePassword(viewer: AuthenticatedViewer, current: string, next: string): Promise<void> {
    const row = await this.db.one<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE id = $1`,
      [viewer.userId],
    );
    if (!row || !(await verifyPassword(row.password_hash, current)))
      throw unauthenticated('current password is wrong');
    // Only after the current password is proven, so the answer tells a token thief nothing.
    assertStrongPassword('newPassword', next, {
      email: viewer.email,
      name: viewer.name,
      currentPassword: current,
    });
    await this.db.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      viewer.userId,
      await hashPassword(next),
    ]);
    await this.revokeAllSessions(viewer.userId, 'password_changed');
  }

  /** Ends every session of a user: on password change and when an admin disables the account. */
  async revokeAllSessions(userId: string, reason: SessionEndReason): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET revoked_at = now(), end_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
    this.revocations.userRevoked(userId);
  }
}

export function toUserView(v: AuthenticatedViewer): UserView {
  return { id: v.userId, email: v.email, name: v.name, role: v.role, teamIds: [...v.teamIds] };
}

// argon2id hash of a random string: verifying against it costs the same as a real check.
const DUMMY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$pBIFqaIoF8Y4K7c51MR3lg$gTXPGlu/S0gM7bvBJTztETI+p37KS7nipYBX2wP4Ets';
