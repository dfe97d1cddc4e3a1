import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { conflict, invalid, notFound, unauthenticated, ROLES, type Role } from '@switchboard/domain';
import { AuthService, hashToken, type AuthenticatedViewer } from '../auth/auth.service.js';
import { LoginSteps, type PendingLogin } from '../auth/login-steps.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db, type Sql } from '../common/db.js';
import { hashRecoveryCode, isTotpCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.js';
import { acceptedStep, newTotpSecret, otpauthUrl } from './totp.js';

/** A challenge lives as long as it takes to open an app and type six digits, and takes this many wrong codes. */
const CHALLENGE_MINUTES = 5;
const CHALLENGE_ATTEMPTS = 5;
const POLICY_KEY = 'security.two_factor_required_roles';

interface FactorRow {
  secret_sealed: string | null;
  pending_secret_sealed: string | null;
  enabled_at: Date | null;
  last_time_step: string | null;
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}

/**
 * TOTP second factor: enrolment, the code step of a login, single-use recovery codes, and the
 * admin's per-role policy. A code is accepted once (its time step is remembered per user, and
 * the check-and-remember is one UPDATE, so two requests racing with one code cannot both win).
 */
@Injectable()
export class TwoFactorService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
    private readonly steps: LoginSteps,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  onModuleInit(): void {
    this.steps.add((userId) => this.loginStep(userId));
  }

  async status(userId: string, role: Role): Promise<TwoFactorStatus> {
    const factor = await this.factor(userId);
    const [left] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM two_factor_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return {
      enabled: !!factor?.enabled_at,
      enabledAt: factor?.enabled_at?.toISOString() ?? null,
      required: (await this.requiredRoles()).includes(role),
      recoveryCodesLeft: factor?.enabled_at ? left.n : 0,
    };
  }

  /** A new secret to scan; it becomes the factor only once a code from it is entered (`enable`). */
  async setup(userId: string, email: string): Promise<{ secret: string; otpauthUrl: string }> {
    const factor = await this.factor(userId);
    if (factor?.enabled_at) throw conflict('two-factor authentication is already on; turn it off first');
    const secret = newTotpSecret();
    await this.db.query(
      `INSERT INTO user_two_factor (user_id, pending_secret_sealed) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET pending_secret_sealed = EXCLUDED.pending_secret_sealed, updated_at = now()`,
      [userId, this.box.seal(secret)],
    );
    return { secret, otpauthUrl: otpauthUrl(secret, email) };
  }

  /** Turns the factor on with a first code from the new secret; answers the recovery codes, shown once. */
  async enable(userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.db.tx(async (sql) => {
      const [factor] = await sql.query<FactorRow>(
        `SELECT secret_sealed, pending_secret_sealed, enabled_at, last_time_step::text
           FROM user_two_factor WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
      if (factor?.enabled_at) throw conflict('two-factor authentication is already on');
      if (!factor?.pending_secret_sealed) throw conflict('start with POST /api/auth/2fa/setup');
      const secret = this.box.open<string>(factor.pending_secret_sealed);
      const step = isTotpCode(code) ? await acceptedStep(secret, code.replace(/\s/g, ''), null) : null;
      if (step === null) throw invalid('code: wrong code; enter the six digits your app shows now');
      await sql.query(
        `UPDATE user_two_factor SET secret_sealed = pending_secret_sealed, pending_secret_sealed = NULL,
                enabled_at = now(), last_time_step = $2, updated_at = now() WHERE user_id = $1`,
        [userId, step],
      );
      return { recoveryCodes: await this.replaceRecoveryCodes(sql, userId) };
    });
  }

  /** Turning it off takes a current code (or a recovery code), and is refused where the role requires it. */
  async disable(viewer: AuthenticatedViewer, code: string): Promise<void> {
    if ((await this.requiredRoles()).includes(viewer.role))
      throw conflict(`two-factor authentication is required for the ${viewer.role} role`);
    await this.requireEnabled(viewer.userId);
    if (!(await this.checkCode(viewer.userId, code))) throw unauthenticated('wrong code');
    await this.db.query(`DELETE FROM user_two_factor WHERE user_id = $1`, [viewer.userId]);
    await this.db.query(`DELETE FROM two_factor_recovery_codes WHERE user_id = $1`, [viewer.userId]);
  }

  async regenerateRecoveryCodes(userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
    await this.requireEnabled(userId);
    if (!(await this.checkCode(userId, code))) throw unauthenticated('wrong code');
    return { recoveryCodes: await this.db.tx((sql) => this.replaceRecoveryCodes(sql, userId)) };
  }

  /** An admin's way back in for someone who lost their phone and their codes: they enrol again. */
  async reset(userId: string): Promise<void> {
    const [user] = await this.db.query(`SELECT 1 FROM users WHERE id = $1`, [userId]);
    if (!user) throw notFound('user not found');
    await this.db.query(`DELETE FROM user_two_factor WHERE user_id = $1`, [userId]);
    await this.db.query(`DELETE FROM two_factor_recovery_codes WHERE user_id = $1`, [userId]);
  }

  async requiredRoles(): Promise<Role[]> {
    const [row] = await this.db.query<{ value: Role[] }>(`SELECT value FROM app_settings WHERE key = $1`, [
      POLICY_KEY,
    ]);
    return Array.isArray(row?.value) ? row.value.filter((r) => (ROLES as readonly string[]).includes(r)) : [];
  }

  /**
   * Sets the roles that must use a second factor. Sessions of people in those roles who have
   * none end now, so the policy holds at once and not only from their next login.
   */
  async setRequiredRoles(roles: Role[], adminId: string): Promise<{ requiredRoles: Role[] }> {
    const unique = [...new Set(roles)];
    await this.db.query(
      `INSERT INTO app_settings (key, value, updated_by) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [POLICY_KEY, JSON.stringify(unique), adminId],
    );
    const affected = await this.db.query<{ id: string }>(
      `SELECT u.id FROM users u
        WHERE u.role::text = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM user_two_factor f WHERE f.user_id = u.id AND f.enabled_at IS NOT NULL)
          AND EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.revoked_at IS NULL)`,
      [unique],
    );
    for (const { id } of affected) await this.auth.revokeAllSessions(id, 'two_factor_required');
    return { requiredRoles: unique };
  }

  /** After the right password: a code is due when the user has a factor, enrolment when their role requires one. */
  private async loginStep(userId: string): Promise<PendingLogin | null> {
    const factor = await this.factor(userId);
    if (factor?.enabled_at)
      return { twoFactorRequired: true, challenge: await this.newChallenge(userId, 'verify') };
    const [user] = await this.db.query<{ role: Role }>(`SELECT role FROM users WHERE id = $1`, [userId]);
    if (user && (await this.requiredRoles()).includes(user.role))
      return { twoFactorSetupRequired: true, challenge: await this.newChallenge(userId, 'enrol') };
    return null;
  }

  /** The code step of a login: a TOTP code or a recovery code against the challenge; answers the session. */
  async verifyLogin(challenge: string, code: string) {
    const { userId } = await this.openChallenge(challenge, 'verify');
    const method = await this.checkCode(userId, code);
    if (!method) return this.failChallenge(challenge);
    await this.closeChallenge(challenge);
    return { session: await this.auth.startSession(userId), userId, method };
  }

  /** Enrolment forced by the policy, before any session: the secret for this challenge's user. */
  async setupForChallenge(challenge: string) {
    const { userId, email } = await this.openChallenge(challenge, 'enrol');
    return this.setup(userId, email);
  }

  /** Finishes a forced enrolment and signs in: the session and the recovery codes, together. */
  async enrolAndLogin(challenge: string, code: string) {
    const { userId } = await this.openChallenge(challenge, 'enrol');
    let codes: { recoveryCodes: string[] };
    try {
      codes = await this.enable(userId, code);
    } catch (err) {
      await this.countFailure(challenge);
      throw err;
    }
    await this.closeChallenge(challenge);
    return { session: await this.auth.startSession(userId), userId, ...codes };
  }

  private async newChallenge(userId: string, purpose: 'verify' | 'enrol'): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO login_challenges (token_hash, user_id, purpose, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [hashToken(token), userId, purpose, CHALLENGE_MINUTES],
    );
    return token;
  }

  /** Whose sign-in this challenge is; a 401 once it expired, was used or saw too many wrong codes. */
  async openChallenge(challenge: string, purpose: 'verify' | 'enrol') {
    const [row] = await this.db.query<{ user_id: string; email: string }>(
      `SELECT c.user_id, u.email FROM login_challenges c JOIN users u ON u.id = c.user_id
        WHERE c.token_hash = $1 AND c.purpose = $2 AND c.used_at IS NULL AND c.expires_at > now()
          AND c.failed_attempts < $3 AND u.active`,
      [hashToken(challenge), purpose, CHALLENGE_ATTEMPTS],
    );
    if (!row) throw unauthenticated('this sign-in has expired or had too many wrong codes; sign in again');
    return { userId: row.user_id, email: row.email };
  }

  private async countFailure(challenge: string): Promise<void> {
    await this.db.query(
      `UPDATE login_challenges SET failed_attempts = failed_attempts + 1 WHERE token_hash = $1`,
      [hashToken(challenge)],
    );
  }

  private async failChallenge(challenge: string): Promise<never> {
    await this.countFailure(challenge);
    throw unauthenticated('wrong code, or a code that was already used; wait for the next one');
  }

  private async closeChallenge(challenge: string): Promise<void> {
    await this.db.query(`UPDATE login_challenges SET used_at = now() WHERE token_hash = $1`, [
      hashToken(challenge),
    ]);
  }

  /** Accepts a fresh TOTP code or an unused recovery code, spending it; which kind, or null. */
  private async checkCode(userId: string, code: string): Promise<'totp' | 'recovery_code' | null> {
    const factor = await this.factor(userId);
    if (!factor?.enabled_at || !factor.secret_sealed) return null;
    if (isTotpCode(code)) {
      const secret = this.box.open<string>(factor.secret_sealed);
      const last = factor.last_time_step === null ? null : Number(factor.last_time_step);
      const step = await acceptedStep(secret, code.replace(/\s/g, ''), last);
      if (step === null) return null;
      // Remembered only if no other request spent this step (or a later one) meanwhile.
      const [won] = await this.db.query(
        `UPDATE user_two_factor SET last_time_step = $2
          WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2) RETURNING 1`,
        [userId, step],
      );
      return won ? 'totp' : null;
    }
    const [spent] = await this.db.query(
      `UPDATE two_factor_recovery_codes SET used_at = now()
        WHERE id = (SELECT id FROM two_factor_recovery_codes
                     WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL LIMIT 1 FOR UPDATE)
        RETURNING 1`,
      [userId, hashRecoveryCode(code)],
    );
    return spent ? 'recovery_code' : null;
  }

  private async requireEnabled(userId: string): Promise<void> {
    if (!(await this.factor(userId))?.enabled_at) throw conflict('two-factor authentication is not on');
  }

  private async replaceRecoveryCodes(sql: Sql, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await sql.query(`DELETE FROM two_factor_recovery_codes WHERE user_id = $1`, [userId]);
    await sql.query(
      `INSERT INTO two_factor_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`,
      [userId, codes.map(hashRecoveryCode)],
    );
    return codes;
  }

  private async factor(userId: string): Promise<FactorRow | null> {
    const [row] = await this.db.query<FactorRow>(
      `SELECT secret_sealed, pending_secret_sealed, enabled_at, last_time_step::text
         FROM user_two_factor WHERE user_id = $1`,
      [userId],
    );
    return row ?? null;
  }
}
