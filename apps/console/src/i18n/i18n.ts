import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

export const catalogs = { en, de };
export type ConsoleLanguage = keyof typeof catalogs;
export const CONSOLE_LANGUAGES = Object.keys(catalogs) as ConsoleLanguage[];

/** Where this browser remembers the language its agent picked. */
export const LANGUAGE_KEY = 'switchboard.language';

/** The agent's pick on this browser, else the browser's languages, most preferred first. */
function preferredLanguages(): string[] {
  let picked: string | null = null;
  try {
    picked = localStorage.getItem(LANGUAGE_KEY);
  } catch {
    // Storage can be blocked; the browser's languages still apply.
  }
  const browser = navigator.languages?.length ? [...navigator.languages] : [navigator.language];
  return [picked, ...browser].filter((lng): lng is string => Boolean(lng));
}

const followDocument = (lng: string) => {
  document.documentElement.lang = lng;
};

// One instance for the whole console, built synchronously from the bundled catalogs before the app
// renders (nothing is fetched: the strict CSP and a fast first paint both want that). Components
// reach it through react-i18next; plain modules (formatting, hooks' messages) through `i18n.t`.
void i18next
  .use(initReactI18next)
  .use({ type: 'languageDetector', detect: preferredLanguages })
  .init({
    resources: Object.fromEntries(
      Object.entries(catalogs).map(([lng, translation]) => [lng, { translation }]),
    ),
    supportedLngs: CONSOLE_LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
followDocument(i18next.resolvedLanguage ?? 'en');
i18next.on('languageChanged', () => followDocument(i18next.resolvedLanguage ?? 'en'));

export const i18n = i18next;

/** The language the console shows now ("en", "de"), for Intl formatting. */
export const currentLanguage = (): ConsoleLanguage => (i18next.resolvedLanguage as ConsoleLanguage) ?? 'en';

/** Switches the console's language at once (no reload) and remembers it on this browser. */
export function chooseLanguage(lng: ConsoleLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  void i18next.changeLanguage(lng);
}
