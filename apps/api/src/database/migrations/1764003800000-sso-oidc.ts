import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on with an OpenID Connect provider: the admin's one provider configuration (its
 * client secret sealed like channel credentials), the sign-ins in flight between the redirect to
 * the provider and its callback (kept in the database so any node may take the callback), the
 * one-time hand-offs that carry a finished sign-in to the console, and which provider subject
 * each user is, so a changed email at the provider still finds the same agent.
 */
export class SsoOidc1764003800000 implements MigrationInterface {
  name = 'SsoOidc1764003800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_oidc_config (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        enabled boolean NOT NULL DEFAULT false,
        issuer_url text NOT NULL,
        client_id text NOT NULL,
        client_secret_sealed text NOT NULL,
        scopes text[] NOT NULL DEFAULT ARRAY['openid', 'email', 'profile'],
        allowed_domains text[] NOT NULL DEFAULT '{}',
        role_claim text,
        role_mapping jsonb NOT NULL DEFAULT '[]',
        default_role user_role NOT NULL DEFAULT 'agent',
        team_claim text,
        team_mapping jsonb NOT NULL DEFAULT '[]',
        create_users boolean NOT NULL DEFAULT true,
        sso_only boolean NOT NULL DEFAULT false,
        break_glass_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        button_label text,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE sso_login_attempts (
        state_hash text PRIMARY KEY,
        nonce text NOT NULL,
        redirect_uri text NOT NULL,
        code_verifier_sealed text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX ix_sso_login_attempts_expires ON sso_login_attempts (expires_at);

      CREATE TABLE sso_handoffs (
        code_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );

      CREATE TABLE user_sso_identities (
        issuer text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject)
      );
      CREATE INDEX ix_user_sso_identities_user ON user_sso_identities (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_sso_identities, sso_handoffs, sso_login_attempts, sso_oidc_config`);
  }
}
