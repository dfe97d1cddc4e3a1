import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who did what, and who may get in: an append-only audit log (a trigger refuses UPDATE, DELETE
 * and TRUNCATE, so no code path of the product can rewrite history), TOTP second factors with
 * single-use recovery codes, the short-lived challenges between password and code, and API
 * tokens for integrations. Secrets and tokens are stored sealed or hashed, never in clear.
 */
export class IdentityAudit1764003300000 implements MigrationInterface {
  name = 'IdentityAudit1764003300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_email text,
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api_token', 'anonymous', 'system')),
        action text NOT NULL,
        target_type text,
        target_id text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX ix_audit_log_at ON audit_log (at DESC, id DESC);
      CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, at DESC);
      CREATE INDEX ix_audit_log_action ON audit_log (action, at DESC);
      CREATE INDEX ix_audit_log_target ON audit_log (target_id, at DESC);

      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

      CREATE TABLE user_two_factor (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret_sealed text,
        pending_secret_sealed text,
        enabled_at timestamptz,
        last_time_step bigint,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE two_factor_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_two_factor_recovery_codes_user ON two_factor_recovery_codes (user_id) WHERE used_at IS NULL;

      CREATE TABLE login_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify', 'enrol')),
        failed_attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_login_challenges_token UNIQUE (token_hash)
      );

      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash text NOT NULL,
        scopes text[] NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_api_tokens_hash UNIQUE (token_hash)
      );
      CREATE INDEX ix_api_tokens_user ON api_tokens (user_id, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE api_tokens;
      DROP TABLE login_challenges;
      DROP TABLE two_factor_recovery_codes;
      DROP TABLE user_two_factor;
      DROP TABLE audit_log;
      DROP FUNCTION audit_log_is_append_only();
    `);
  }
}
