import type { SurveyKind, SurveySettingsBody, SurveySettingsView } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';

/** What applies before an admin saves anything: surveys are opt-in. */
export const DEFAULT_SURVEY_SETTINGS: SurveySettingsView = {
  csat: { enabled: false, delaySeconds: 3600 },
  ces: { enabled: false, mode: 'after_csat' },
  nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
  language: 'en',
  texts: {},
  overrides: [],
  linkBaseUrl: null,
};

/** English and German out of the box; an admin's texts per language come first. */
const BUILT_IN_TEXTS: Record<string, Record<'csat' | 'ces' | 'nps' | 'thanks', string>> = {
  en: {
    csat: 'How would you rate the support you received?',
    ces: 'How easy was it to get your issue resolved?',
    nps: 'How likely are you to recommend us to a friend or colleague?',
    thanks: 'Thank you for your feedback!',
  },
  de: {
    csat: 'Wie zufrieden sind Sie mit unserem Support?',
    ces: 'Wie einfach war es, Ihr Anliegen zu lösen?',
    nps: 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?',
    thanks: 'Vielen Dank für Ihr Feedback!',
  },
};

export async function readSurveySettings(sql: Sql): Promise<SurveySettingsView> {
  const [row] = await sql.query<{ settings: SurveySettingsView }>(
    `SELECT settings FROM survey_settings WHERE id = 1`,
  );
  return row ? { ...DEFAULT_SURVEY_SETTINGS, ...row.settings } : DEFAULT_SURVEY_SETTINGS;
}

export async function writeSurveySettings(
  sql: Sql,
  body: SurveySettingsBody,
  linkBaseUrl: string,
  userId: string,
): Promise<void> {
  const settings: SurveySettingsView = {
    ...body,
    language: body.language ?? 'en',
    texts: body.texts ?? {},
    overrides: body.overrides ?? [],
    linkBaseUrl: (body.linkBaseUrl ?? linkBaseUrl).replace(/\/+$/, ''),
  };
  await sql.query(
    `INSERT INTO survey_settings (id, settings, updated_by) VALUES (1, $1, $2)
     ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [settings, userId],
  );
}

/** The settings one channel account works with: the workspace's, with that account's override on top. */
export function settingsForAccount(
  settings: SurveySettingsView,
  channelAccountId: string | null,
): Pick<SurveySettingsView, 'csat' | 'ces' | 'nps'> {
  const o = settings.overrides?.find((x) => x.channelAccountId === channelAccountId);
  return {
    csat: { ...settings.csat, ...(o?.csat ?? {}) },
    ces: { ...settings.ces, ...(o?.ces ?? {}) },
    nps: { ...settings.nps, ...(o?.nps ?? {}) },
  };
}

/** The question of a kind in the contact's language, else the workspace's, else English. */
export function surveyText(
  settings: SurveySettingsView,
  contactLanguage: string | null,
  key: SurveyKind | 'thanks',
  accountQuestion?: string,
): string {
  const field = key === 'thanks' ? 'thanks' : (`${key}Question` as const);
  const languages = [contactLanguage, contactLanguage?.slice(0, 2), settings.language, 'en'].filter(
    (l): l is string => !!l,
  );
  for (const lang of languages) {
    const own = settings.texts?.[lang]?.[field];
    if (own) return own;
    // The admin's one-language question stands for the workspace language.
    if (lang === settings.language && accountQuestion) return accountQuestion;
    const builtIn = BUILT_IN_TEXTS[lang]?.[key];
    if (builtIn) return builtIn;
  }
  return BUILT_IN_TEXTS.en[key];
}

/** The language a contact is written to in. */
export function surveyLanguage(settings: SurveySettingsView, contactLanguage: string | null): string {
  const lang = contactLanguage?.slice(0, 2);
  return lang && (BUILT_IN_TEXTS[lang] || settings.texts?.[contactLanguage!] || settings.texts?.[lang])
    ? lang
    : settings.language;
}
