import {
  chooseLanguage,
  CONSOLE_LANGUAGES,
  currentLanguage,
  useTranslation,
  type ConsoleLanguage,
} from '../../i18n';
import { Select } from '../../components/Select';

/** The agent's language for this console, switched at once and remembered on this browser. */
export function LanguageSelect() {
  const { t } = useTranslation();
  return (
    <Select
      className="language-select"
      label={t('language.label')}
      hideLabel
      value={currentLanguage()}
      onChange={(e) => chooseLanguage(e.target.value as ConsoleLanguage)}
    >
      {CONSOLE_LANGUAGES.map((lng) => (
        <option key={lng} value={lng} lang={lng}>
          {t(`language.${lng}`)}
        </option>
      ))}
    </Select>
  );
}
