import { Select } from '../../../components/Select';
import { currentLanguage, useTranslation } from '../../../i18n';
import { useSaveSearchLanguage, useSearchLanguage } from '../hooks/useSearchLanguage';

/** The languages search stems words in (the API's `search_<language>` configurations). */
const STEMMED_LANGUAGES = ['da', 'de', 'en', 'es', 'fi', 'fr', 'it', 'nl', 'no', 'pt', 'sv'];

/** The workspace language of search; a choice saves at once and re-indexes older text in the background. */
export function SearchLanguageAdmin() {
  const { t } = useTranslation();
  const setting = useSearchLanguage();
  const save = useSaveSearchLanguage();
  const names = new Intl.DisplayNames([currentLanguage()], { type: 'language' });
  const nameOf = (code: string) => names.of(code) ?? code;
  const current = setting.data?.language ?? '';
  const codes =
    STEMMED_LANGUAGES.includes(current) || !current ? STEMMED_LANGUAGES : [current, ...STEMMED_LANGUAGES];
  const options = codes
    .map((code) => ({ value: code, label: nameOf(code) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <section className="admin-section" aria-labelledby="search-language-heading">
      <h2 id="search-language-heading">{t('searchLanguage.heading')}</h2>
      <Select
        label={t('searchLanguage.label')}
        hint={t('searchLanguage.hint')}
        value={save.isPending ? save.variables : current}
        disabled={!setting.data || save.isPending}
        options={options}
        onChange={(e) => save.mutate(e.target.value)}
      />
      {save.isError && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
      {setting.data?.reindexing ? (
        <p role="status" className="muted">
          {t('searchLanguage.reindexing', { language: nameOf(setting.data.language) })}
        </p>
      ) : (
        save.isSuccess && (
          <p role="status" className="muted">
            {t('searchLanguage.saved', { language: nameOf(save.data.language) })}
          </p>
        )
      )}
    </section>
  );
}
