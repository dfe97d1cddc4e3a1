import type { AssistSettingsBody, AssistSettingsView } from '@switchboard/contracts';
import type { SecretBox } from '../channel-accounts/secret-box.js';
import type { Sql } from '../common/db.js';
import type { ChatEndpoint } from './chat-completions-client.js';

interface SettingsRow {
  enabled: boolean;
  base_url: string | null;
  model: string | null;
  api_key_sealed: string | null;
  mask_personal_data: boolean;
  disabled_team_ids: string[];
  timeout_ms: number;
  acknowledgement_articles: boolean;
  link_base_url: string | null;
}

/** The settings with what a call needs; the sealed key stays here and never reaches a view. */
export interface AssistSettings extends AssistSettingsView {
  apiKeySealed: string | null;
}

const toSettings = (r: SettingsRow): AssistSettings => ({
  enabled: r.enabled,
  baseUrl: r.base_url,
  model: r.model,
  apiKeySet: r.api_key_sealed !== null,
  apiKeySealed: r.api_key_sealed,
  maskPersonalData: r.mask_personal_data,
  disabledTeamIds: r.disabled_team_ids,
  timeoutSeconds: Math.round(r.timeout_ms / 1000),
  acknowledgementArticles: r.acknowledgement_articles,
  linkBaseUrl: r.link_base_url,
});

export function settingsView(s: AssistSettings): AssistSettingsView {
  const { apiKeySealed: _sealed, ...view } = s;
  return view;
}

/** One row, made by the migration: off, no endpoint. */
export async function readAssistSettings(sql: Sql): Promise<AssistSettings> {
  const [row] = await sql.query<SettingsRow>(`SELECT * FROM assist_settings WHERE id = 1`);
  return toSettings(row);
}

export async function writeAssistSettings(
  sql: Sql,
  box: SecretBox,
  body: AssistSettingsBody,
  linkBaseUrl: string,
  userId: string,
): Promise<AssistSettings> {
  const keyChange = body.apiKey === undefined ? 'keep' : body.apiKey === null ? 'clear' : 'set';
  const [row] = await sql.query<SettingsRow>(
    `UPDATE assist_settings SET
       enabled = $1, base_url = $2, model = $3,
       api_key_sealed = CASE $4 WHEN 'keep' THEN api_key_sealed WHEN 'clear' THEN NULL ELSE $5 END,
       mask_personal_data = $6, disabled_team_ids = $7::uuid[], timeout_ms = $8,
       acknowledgement_articles = $9, link_base_url = $10, updated_by = $11, updated_at = now()
     WHERE id = 1 RETURNING *`,
    [
      body.enabled,
      body.baseUrl?.replace(/\/+$/, '') ?? null,
      body.model,
      keyChange,
      keyChange === 'set' ? box.seal(body.apiKey) : null,
      body.maskPersonalData,
      [...new Set(body.disabledTeamIds)],
      body.timeoutSeconds * 1000,
      body.acknowledgementArticles,
      (body.linkBaseUrl ?? linkBaseUrl).replace(/\/+$/, ''),
      userId,
    ],
  );
  return toSettings(row);
}

/** Where calls go, with the key opened; null while assist is off or not configured. */
export function endpointOf(s: AssistSettings, box: SecretBox): ChatEndpoint | null {
  if (!s.enabled || !s.baseUrl || !s.model) return null;
  return {
    baseUrl: s.baseUrl,
    model: s.model,
    apiKey: s.apiKeySealed ? box.open<string>(s.apiKeySealed) : null,
    timeoutMs: s.timeoutSeconds * 1000,
  };
}
