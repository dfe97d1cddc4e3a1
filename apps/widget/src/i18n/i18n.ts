import i18next, { type i18n } from 'i18next';
import { de } from './de.js';
import { en } from './en.js';

export const catalogs = { en, de };
export type WidgetLanguage = keyof typeof catalogs;
export const WIDGET_LANGUAGES = Object.keys(catalogs) as WidgetLanguage[];

/**
 * The widget's translator, in the first of the visitor's browser languages we ship (a regional
 * code such as de-AT finds German), else English. Built synchronously from the bundled catalogs:
 * the widget is one script and loads nothing else.
 */
export function createTranslator(languages: readonly string[]): i18n {
  const translator = i18next.createInstance();
  void translator
    .use({ type: 'languageDetector', detect: () => (languages.length ? [...languages] : undefined) })
    .init({
      resources: Object.fromEntries(
        Object.entries(catalogs).map(([lng, translation]) => [lng, { translation }]),
      ),
      supportedLngs: WIDGET_LANGUAGES,
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      fallbackLng: 'en',
      initAsync: false,
      // Text goes into the page as text nodes, never as HTML, so nothing needs escaping here.
      interpolation: { escapeValue: false },
    });
  return translator;
}

/** The page's languages, most preferred first (navigator.language alone on older browsers). */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language].filter(Boolean);
}
