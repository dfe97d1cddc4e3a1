import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { forbidden, invalid, notFound, type Role } from '@switchboard/domain';
import { AuditLog } from '../audit/audit-log.service.js';
import { AccessChanges } from '../auth/access-changes.js';
import { AuthService } from '../auth/auth.service.js';
import { LoginSteps } from '../auth/login-steps.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db, type Sql } from '../common/db.js';
import { hashPassword } from '../auth/passwords.js';
import { OidcRelyingParty, type AuthorizationChecks } from './oidc-relying-party.js';
import { personFromClaims, type SsoPerson } from './sso-claims.js';
import { SsoConfigService } from './sso-config.service.js';

/** Time to sign in at the provider (a password manager, a second factor there) before the callback. */
const ATTEMPT_MINUTES = 10;
/** The console trades a hand-off for its session at once after the redirect. */
const HANDOFF_SECONDS = 60;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface SignedInUser {
  userId: string;
  email: string;
  created: boolean;
}

/**
 * The authorization-code sign-in: `start` remembers state, nonce and the PKCE verifier (sealed)
 * and sends the browser to the provider; `finish` takes the callback once per state, lets
 * openid-client verify the answer, then finds, links or creates the agent with the role and
 * teams the claims map to; `exchange` turns the one-time hand-off the console receives into the
 * same session a password login gives.
 *
 * The second factor: a sign-in through the provider does not ask for this product's TOTP code.
 * The provider authenticated the person under its own policy (its MFA, its device rules), and
 * asking again would mean a second enrolment per agent; workspaces that need MFA enforce it at
 * their provider. The TOTP policy keeps applying to password logins.
 */
@Injectable()
export class SsoLoginService implements OnModuleInit {
  private readonly relyingParty = new OidcRelyingParty();

  constructor(
    private readonly db: Db,
    private readonly config: SsoConfigService,
    private readonly auth: AuthService,
    private readonly steps: LoginSteps,
    private readonly accessChanges: AccessChanges,
    private readonly audit: AuditLog,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  onModuleInit(): void {
    // Before the second factor's step, so a refused password login does not start a code challenge.
    this.steps.add((userId) => this.refusePasswordWhenSsoOnly(userId), { first: true });
  }

  private async refusePasswordWhenSsoOnly(userId: string): Promise<null> {
    const ssoOnly = await this.config.passwordOnlyFor();
    // One named admin keeps a password as the way back in when the provider is down or misconfigured.
    if (ssoOnly && ssoOnly.breakGlassUserId !== userId)
      throw forbidden('password sign-in is turned off for this workspace; use "Sign in with SSO"');
    return null;
  }

  /** The provider's authorization URL and the state the browser must bring back (also set as a cookie). */
  async start(redirectUri: string): Promise<{ url: string; state: string }> {
    const settings = await this.config.active();
    if (!settings) throw notFound('single sign-on is not set up');
    const checks = this.relyingParty.newChecks();
    const url = await this.relyingParty.authorizationUrl(settings, redirectUri, checks);
    await this.db.query(`DELETE FROM sso_login_attempts WHERE expires_at < now() - interval '1 day'`);
    await this.db.query(
      `INSERT INTO sso_login_attempts (state_hash, nonce, redirect_uri, code_verifier_sealed, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
      [sha256(checks.state), checks.nonce, redirectUri, this.box.seal(checks.codeVerifier), ATTEMPT_MINUTES],
    );
    return { url: url.toString(), state: checks.state };
  }

  /**
   * The provider's callback. `browserState` is the state this browser was given at the start (its
   * cookie): a callback carrying another state was started elsewhere and is refused, which stops
   * an attacker from signing a victim into the attacker's account.
   */
  async finish(query: URLSearchParams, browserState: string | null): Promise<SignedInUser> {
    const state = query.get('state');
    if (!state) throw invalid('state: the callback carries no state; start the sign-in again');
    if (!browserState || browserState !== state)
      throw invalid(
        'state: this sign-in was not started in this browser (the state does not match); start again',
      );
    const { checks, redirectUri } = await this.claimAttempt(state);
    const settings = await this.config.active();
    if (!settings) throw notFound('single sign-on is not set up');
    // The callback as the provider was told it, whatever Host this request came in with.
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = query.toString();
    const claims = await this.relyingParty.signIn(settings, callbackUrl, checks);
    const person = personFromClaims(claims, settings);
    return this.db.tx((sql) =>
      this.upsertAgent(sql, settings.issuerUrl, person, settings.createUsers, settings.defaultRole),
    );
  }

  /** Each state is good for one callback: a replayed callback URL finds it used. */
  private async claimAttempt(state: string): Promise<{ checks: AuthorizationChecks; redirectUri: string }> {
    const [row] = await this.db.query<{
      nonce: string;
      redirect_uri: string;
      code_verifier_sealed: string;
      expired: boolean;
      used: boolean;
    }>(
      `WITH prior AS (SELECT state_hash, used_at IS NOT NULL AS used, expires_at <= now() AS expired
                        FROM sso_login_attempts WHERE state_hash = $1 FOR UPDATE)
       UPDATE sso_login_attempts a SET used_at = now() FROM prior
        WHERE a.state_hash = prior.state_hash
       RETURNING a.nonce, a.redirect_uri, a.code_verifier_sealed, prior.expired, prior.used`,
      [sha256(state)],
    );
    if (!row) throw invalid('state: unknown sign-in; start again');
    if (row.used)
      throw invalid('state: this sign-in was already completed; a callback is good once; start again');
    if (row.expired)
      throw invalid(`state: the sign-in took longer than ${ATTEMPT_MINUTES} minutes; start again`);
    return {
      checks: { state, nonce: row.nonce, codeVerifier: this.box.open<string>(row.code_verifier_sealed) },
      redirectUri: row.redirect_uri,
    };
  }

  private async upsertAgent(
    sql: Sql,
    issuer: string,
    person: SsoPerson,
    createUsers: boolean,
    defaultRole: Role,
  ): Promise<SignedInUser> {
    // The provider's subject is the stable key; the email finds an agent who signs in this way the first time.
    const [linked] = await sql.query<{ id: string; active: boolean; role: Role }>(
      `SELECT u.id, u.active, u.role FROM user_sso_identities i JOIN users u ON u.id = i.user_id
        WHERE i.issuer = $1 AND i.subject = $2`,
      [issuer, person.subject],
    );
    const [byEmail] = linked
      ? [linked]
      : await sql.query<{ id: string; active: boolean; role: Role }>(
          `SELECT id, active, role FROM users WHERE lower(email) = $1`,
          [person.email],
        );
    let userId: string;
    let created = false;
    if (byEmail) {
      if (!byEmail.active) throw forbidden('this account is disabled; ask an admin to enable it');
      userId = byEmail.id;
      if (person.role && person.role !== byEmail.role) {
        await sql.query(`UPDATE users SET role = $2, updated_at = now() WHERE id = $1`, [
          userId,
          person.role,
        ]);
        await this.recordAccessChange(sql, 'user.role_changed', userId, issuer, {
          from: byEmail.role,
          to: person.role,
        });
      }
    } else {
      if (!createUsers)
        throw forbidden(`no agent account exists for ${person.email}; ask an admin to create one`);
      // The password is random and never shown: this agent signs in through the provider.
      const [row] = await sql.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id`,
        [
          person.email,
          person.name,
          await hashPassword(randomBytes(32).toString('base64url')),
          person.role ?? defaultRole,
        ],
      );
      userId = row.id;
      created = true;
    }
    await sql.query(
      `INSERT INTO user_sso_identities (issuer, subject, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (issuer, subject) DO UPDATE SET last_login_at = now()`,
      [issuer, person.subject, userId],
    );
    const teams = await this.applyTeams(sql, userId, person);
    const teamsChanged = teams.added.length + teams.removed.length > 0;
    if (teamsChanged && !created)
      await this.recordAccessChange(sql, 'user.teams_changed', userId, issuer, teams);
    if (teamsChanged || (!created && person.role && person.role !== byEmail?.role))
      this.accessChanges.scopeChanged(userId);
    return { userId, email: person.email, created };
  }

  /**
   * A role or team the provider's claims changed is in the audit log like an admin's change, with
   * the provider as the actor, and commits with the change itself.
   */
  private recordAccessChange(
    sql: Sql,
    action: 'user.role_changed' | 'user.teams_changed',
    userId: string,
    issuer: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        actorKind: 'system',
        targetType: 'user',
        targetId: userId,
        details: { via: 'sso', issuer, ...details },
      },
      sql,
    );
  }

  /** Only the teams the mapping names are the provider's to give and take; others stay as admins set them. */
  private async applyTeams(
    sql: Sql,
    userId: string,
    person: SsoPerson,
  ): Promise<{ added: string[]; removed: string[] }> {
    if (!person.managedTeamIds.length) return { added: [], removed: [] };
    const removed = await sql.query<{ team_id: string }>(
      `DELETE FROM team_memberships WHERE user_id = $1 AND team_id = ANY($2::uuid[]) AND NOT team_id = ANY($3::uuid[])
       RETURNING team_id`,
      [userId, person.managedTeamIds, person.teamIds],
    );
    const added = await sql.query<{ team_id: string }>(
      `INSERT INTO team_memberships (team_id, user_id)
       SELECT t, $1 FROM unnest($2::uuid[]) AS t WHERE EXISTS (SELECT 1 FROM teams WHERE id = t)
       ON CONFLICT DO NOTHING RETURNING team_id`,
      [userId, person.teamIds],
    );
    return { added: added.map((r) => r.team_id), removed: removed.map((r) => r.team_id) };
  }

  /** A one-time code the console trades for a session; the session token never travels in a URL. */
  async handoff(userId: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.db.query(`DELETE FROM sso_handoffs WHERE expires_at < now() - interval '1 day'`);
    await this.db.query(
      `INSERT INTO sso_handoffs (code_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [sha256(code), userId, HANDOFF_SECONDS],
    );
    return code;
  }

  async exchange(code: string) {
    const [row] = await this.db.query<{ user_id: string; email: string }>(
      `UPDATE sso_handoffs h SET used_at = now() FROM users u
        WHERE h.code_hash = $1 AND h.used_at IS NULL AND h.expires_at > now() AND u.id = h.user_id AND u.active
       RETURNING h.user_id, u.email`,
      [sha256(code)],
    );
    if (!row) throw invalid('handoff: unknown, expired or already used; sign in again');
    return { userId: row.user_id, email: row.email, session: await this.auth.startSession(row.user_id) };
  }
}
