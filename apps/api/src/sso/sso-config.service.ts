import { Inject, Injectable } from '@nestjs/common';
import { invalid, type Role } from '@switchboard/domain';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db } from '../common/db.js';
import type { RoleMappingEntry, TeamMappingEntry } from './sso-claims.js';

export interface SsoSettings {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  scopes: string[];
  allowedDomains: string[];
  roleClaim: string | null;
  roleMapping: RoleMappingEntry[];
  defaultRole: Role;
  teamClaim: string | null;
  teamMapping: TeamMappingEntry[];
  createUsers: boolean;
  ssoOnly: boolean;
  breakGlassUserId: string | null;
  buttonLabel: string | null;
}

/** What an admin sees: everything but the secret, of which only its presence is told. */
export type SsoSettingsView = SsoSettings & { clientSecretSet: boolean; updatedAt: string | null };

/** What the sign-in needs, with the secret opened. Never leaves the server. */
export type SsoProviderSettings = SsoSettings & { clientSecret: string; version: string };

/** The new settings; without clientSecret the stored one is kept, so an edit need not retype it. */
export type SsoSettingsInput = SsoSettings & { clientSecret?: string };

interface ConfigRow {
  enabled: boolean;
  issuer_url: string;
  client_id: string;
  client_secret_sealed: string;
  scopes: string[];
  allowed_domains: string[];
  role_claim: string | null;
  role_mapping: RoleMappingEntry[];
  default_role: Role;
  team_claim: string | null;
  team_mapping: TeamMappingEntry[];
  create_users: boolean;
  sso_only: boolean;
  break_glass_user_id: string | null;
  button_label: string | null;
  updated_at: Date;
}

function settingsOf(row: ConfigRow): SsoSettings {
  return {
    enabled: row.enabled,
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    scopes: row.scopes,
    allowedDomains: row.allowed_domains,
    roleClaim: row.role_claim,
    roleMapping: row.role_mapping,
    defaultRole: row.default_role,
    teamClaim: row.team_claim,
    teamMapping: row.team_mapping,
    createUsers: row.create_users,
    ssoOnly: row.sso_only,
    breakGlassUserId: row.break_glass_user_id,
    buttonLabel: row.button_label,
  };
}

/**
 * The workspace's one OpenID Connect provider. The client secret is sealed with the key that
 * seals channel credentials and is opened only to talk to the provider: no answer carries it.
 */
@Injectable()
export class SsoConfigService {
  constructor(
    private readonly db: Db,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  private row(): Promise<ConfigRow | null> {
    return this.db.one<ConfigRow>(`SELECT * FROM sso_oidc_config WHERE singleton`);
  }

  async view(): Promise<SsoSettingsView | null> {
    const row = await this.row();
    if (!row) return null;
    return { ...settingsOf(row), clientSecretSet: true, updatedAt: row.updated_at.toISOString() };
  }

  /** The provider to sign in with, or null when SSO is not configured or turned off. */
  async active(): Promise<SsoProviderSettings | null> {
    const row = await this.row();
    if (!row?.enabled) return null;
    return {
      ...settingsOf(row),
      clientSecret: this.box.open<string>(row.client_secret_sealed),
      // Any saved change makes a new version, so a cached provider discovery is dropped with it.
      version: row.updated_at.toISOString(),
    };
  }

  async save(input: SsoSettingsInput, adminId: string): Promise<SsoSettingsView> {
    const current = await this.row();
    if (!current && !input.clientSecret) throw invalid('clientSecret: required when SSO is first set up');
    const unknownTeams = await this.db.query<{ id: string }>(
      `SELECT t.id FROM unnest($1::uuid[]) AS t(id) WHERE NOT EXISTS (SELECT 1 FROM teams WHERE teams.id = t.id)`,
      [input.teamMapping.map((m) => m.teamId)],
    );
    if (unknownTeams.length)
      throw invalid(`teamMapping: unknown team ${unknownTeams.map((t) => t.id).join(', ')}`);
    if (input.breakGlassUserId) {
      const admin = await this.db.one<{ id: string }>(
        `SELECT id FROM users WHERE id = $1 AND role = 'admin' AND active`,
        [input.breakGlassUserId],
      );
      if (!admin) throw invalid('breakGlassUserId: must be an active admin');
    }
    const sealed = input.clientSecret ? this.box.seal(input.clientSecret) : current!.client_secret_sealed;
    await this.db.query(
      `INSERT INTO sso_oidc_config (singleton, enabled, issuer_url, client_id, client_secret_sealed, scopes,
              allowed_domains, role_claim, role_mapping, default_role, team_claim, team_mapping, create_users,
              sso_only, button_label, updated_by, break_glass_user_id, updated_at)
       VALUES (true, $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, clock_timestamp())
       ON CONFLICT (singleton) DO UPDATE SET enabled = EXCLUDED.enabled, issuer_url = EXCLUDED.issuer_url,
              client_id = EXCLUDED.client_id, client_secret_sealed = EXCLUDED.client_secret_sealed,
              scopes = EXCLUDED.scopes, allowed_domains = EXCLUDED.allowed_domains, role_claim = EXCLUDED.role_claim,
              role_mapping = EXCLUDED.role_mapping, default_role = EXCLUDED.default_role,
              team_claim = EXCLUDED.team_claim, team_mapping = EXCLUDED.team_mapping,
              create_users = EXCLUDED.create_users, sso_only = EXCLUDED.sso_only,
              button_label = EXCLUDED.button_label, updated_by = EXCLUDED.updated_by,
              break_glass_user_id = EXCLUDED.break_glass_user_id,
              updated_at = EXCLUDED.updated_at`,
      [
        input.enabled,
        input.issuerUrl,
        input.clientId,
        sealed,
        input.scopes,
        input.allowedDomains,
        input.roleClaim,
        JSON.stringify(input.roleMapping),
        input.defaultRole,
        input.teamClaim,
        JSON.stringify(input.teamMapping),
        input.createUsers,
        input.ssoOnly,
        input.buttonLabel,
        adminId,
        input.breakGlassUserId,
      ],
    );
    return (await this.view())!;
  }

  async remove(): Promise<void> {
    await this.db.query(`DELETE FROM sso_oidc_config`);
  }

  /** When password sign-in is off for everyone else: the one admin who keeps it; else null. */
  async passwordOnlyFor(): Promise<{ breakGlassUserId: string | null } | null> {
    const row = await this.db.one<{ break_glass_user_id: string | null }>(
      `SELECT break_glass_user_id FROM sso_oidc_config WHERE singleton AND enabled AND sso_only`,
    );
    return row ? { breakGlassUserId: row.break_glass_user_id } : null;
  }
}
