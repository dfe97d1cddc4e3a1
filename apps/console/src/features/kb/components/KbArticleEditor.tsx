import { useMemo, useState, type FormEvent } from 'react';
import { KB_LOCALE, type KbArticleView, type KbStatus } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { Input, TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { useTranslation } from '../../../i18n';
import { previewHtml } from '../lib/preview';

export interface KbDraft {
  title: string;
  locale: string;
  status: KbStatus;
  body: string;
}

interface Props {
  /** The article being edited (a translation is picked by language), or none for a new article. */
  article?: KbArticleView;
  busy: boolean;
  error: string | null;
  onSave(draft: KbDraft): void;
  onCancel(): void;
}

/** Title, language, status and Markdown body, with a live preview of what the help center will show. */
export function KbArticleEditor({ article, busy, error, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const first = article?.translations[0];
  const [draft, setDraft] = useState<KbDraft>({
    title: first?.title ?? '',
    locale: first?.locale ?? 'en',
    status: first?.status ?? 'draft',
    body: first?.body ?? '',
  });
  const html = useMemo(() => previewHtml(draft.body), [draft.body]);
  const localeValid = KB_LOCALE.test(draft.locale);

  function pickLocale(locale: string) {
    const existing = article?.translations.find((x) => x.locale === locale);
    setDraft(
      existing
        ? { title: existing.title, locale, status: existing.status, body: existing.body }
        : { ...draft, locale },
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.title.trim() || !localeValid) return;
    onSave(draft);
  }

  return (
    <form className="kb-editor" onSubmit={submit} aria-label={article ? t('kb.edit') : t('kb.new')}>
      {article && article.translations.length > 1 && (
        <p className="muted">
          {t('kb.translations')}:{' '}
          {article.translations.map((x) => (
            <Button
              key={x.locale}
              className="link-button"
              onClick={() => pickLocale(x.locale)}
              aria-pressed={x.locale === draft.locale}
            >
              {x.locale}
            </Button>
          ))}
        </p>
      )}
      <div className="kb-editor-fields">
        <Input
          label={t('kb.title')}
          value={draft.title}
          maxLength={200}
          required
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
        />
        <Input
          label={t('kb.locale')}
          hint={t('kb.localeHint')}
          value={draft.locale}
          error={localeValid ? null : t('kb.localeHint')}
          onChange={(e) => pickLocale(e.target.value.trim().toLowerCase())}
        />
        <Select
          label={t('kb.status')}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value as KbStatus })}
          options={[
            { value: 'draft', label: t('kb.statusDraft') },
            { value: 'published', label: t('kb.statusPublished') },
          ]}
        />
      </div>
      <div className="kb-editor-panes">
        <TextArea
          label={t('kb.body')}
          value={draft.body}
          rows={14}
          onChange={(e) => setDraft({ ...draft, body: e.target.value })}
        />
        <section className="kb-preview" aria-label={t('kb.preview')}>
          <h3>{t('kb.preview')}</h3>
          <h4>{draft.title}</h4>
          {/* Rendered with raw HTML off and sanitized by DOMPurify, as message HTML is. */}
          <div className="kb-preview-body" dangerouslySetInnerHTML={{ __html: html }} />
        </section>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <Button variant="primary" type="submit" disabled={busy || !draft.title.trim() || !localeValid}>
          {t('kb.save')}
        </Button>
        <Button onClick={onCancel}>{t('kb.cancel')}</Button>
      </div>
    </form>
  );
}
