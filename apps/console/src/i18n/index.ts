// Importing the translation hook from here (not from react-i18next) guarantees the console's
// instance is initialised first, in the app and in component tests alike.
export { i18n, chooseLanguage, currentLanguage, CONSOLE_LANGUAGES, type ConsoleLanguage } from './i18n';
export { useTranslation, Trans } from 'react-i18next';
