import {
  chooseLanguage,
  CONSOLE_LANGUAGES,
  currentLanguage,
  useTranslation,
  type ConsoleLanguage,
} from '../../i18n';

/** The agent's language for this console, switched at once and remembered on this browser. */
export function LanguageSelect() {
  const { t } = useTranslation();
  return (
    <select
      className="language-select"
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(e) => chooseLanguage(e.target.value as ConsoleLanguage)}
    >
      {CONSOLE_LANGUAGES.map((lng) => (
        <option key={lng} value={lng} lang={lng}>
          {t(`language.${lng}`)}
        </option>
      ))}
    </select>
  );
}
