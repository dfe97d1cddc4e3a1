import type { KbSettingsPatch, KbSettingsView } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';

interface SettingsRow {
  name: string;
  primary_color: string;
  contact_url: string | null;
  contact_email: string | null;
  default_locale: string;
}

const toView = (r: SettingsRow): KbSettingsView => ({
  name: r.name,
  primaryColor: r.primary_color,
  contactUrl: r.contact_url,
  contactEmail: r.contact_email,
  defaultLocale: r.default_locale,
});

/** The help center's name, colour, contact link and default locale (one row, made by the migration). */
export async function readKbSettings(sql: Sql): Promise<KbSettingsView> {
  const [row] = await sql.query<SettingsRow>(`SELECT * FROM kb_settings`);
  return toView(row);
}

export async function writeKbSettings(sql: Sql, patch: KbSettingsPatch): Promise<KbSettingsView> {
  const [row] = await sql.query<SettingsRow>(
    `UPDATE kb_settings SET
       name = coalesce($1, name),
       primary_color = coalesce($2, primary_color),
       contact_url = CASE WHEN $3::boolean THEN $4 ELSE contact_url END,
       contact_email = CASE WHEN $5::boolean THEN $6 ELSE contact_email END,
       default_locale = coalesce($7, default_locale),
       updated_at = now()
     RETURNING *`,
    [
      patch.name ?? null,
      patch.primaryColor ?? null,
      patch.contactUrl !== undefined,
      patch.contactUrl ?? null,
      patch.contactEmail !== undefined,
      patch.contactEmail ?? null,
      patch.defaultLocale ?? null,
    ],
  );
  return toView(row);
}
