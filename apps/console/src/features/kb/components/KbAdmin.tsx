import { useState } from 'react';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import { useKbArticle, useKbArticles, useKbDeflection, useKbMutations } from '../hooks/useKb';
import { KbArticleEditor, type KbDraft } from './KbArticleEditor';
import '../kb.css';

type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

/** `#/admin/kb`: the knowledge base's articles, their translations, and how much self-service helps. */
export default function KbAdmin() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const articles = useKbArticles(q);
  const current = useKbArticle(editing?.kind === 'edit' ? editing.id : null);
  const deflection = useKbDeflection(true);
  const { create, save } = useKbMutations();
  const toast = useToast();

  async function onSave(draft: KbDraft) {
    setError(null);
    try {
      if (editing?.kind === 'edit')
        await save.mutateAsync({
          id: editing.id,
          locale: draft.locale,
          body: { title: draft.title, body: draft.body, status: draft.status },
        });
      else await create.mutateAsync(draft);
      toast.success(t('kb.saved', { title: draft.title }));
      setEditing(null);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  const stats = deflection.data;
  return (
    <section className="admin-section kb-admin" aria-labelledby="kb-heading">
      <h2 id="kb-heading">{t('kb.heading')}</h2>
      <p className="muted">{t('kb.intro')}</p>
      {stats && (
        <dl className="kb-stats" aria-label={t('kb.deflection')}>
          <div>
            <dt>{t('kb.shown')}</dt>
            <dd>{stats.suggestionsShown}</dd>
          </div>
          <div>
            <dt>{t('kb.opened')}</dt>
            <dd>{stats.articlesOpened}</dd>
          </div>
          <div>
            <dt>{t('kb.deflected')}</dt>
            <dd>{stats.deflected}</dd>
          </div>
          <div>
            <dt>{t('kb.escalated')}</dt>
            <dd>{stats.escalated}</dd>
          </div>
        </dl>
      )}
      {editing ? (
        editing.kind === 'new' || current.data ? (
          <KbArticleEditor
            key={editing.kind === 'edit' ? editing.id : 'new'}
            article={editing.kind === 'edit' ? current.data : undefined}
            busy={create.isPending || save.isPending}
            error={error}
            onSave={(d) => void onSave(d)}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <p className="empty-state">{t('common.loading')}</p>
        )
      ) : (
        <>
          <div className="kb-toolbar">
            <Input
              label={t('kb.search')}
              hideLabel
              placeholder={t('kb.search')}
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
            <Button variant="primary" onClick={() => setEditing({ kind: 'new' })}>
              {t('kb.new')}
            </Button>
          </div>
          {articles.isError && (
            <p className="form-error" role="alert">
              {articles.error.message}
            </p>
          )}
          {articles.data && articles.data.length === 0 ? (
            <p className="empty-state">{t('kb.empty')}</p>
          ) : (
            <ul className="kb-list" aria-label={t('kb.listLabel')}>
              {(articles.data ?? []).map((a) => (
                <li key={`${a.id}-${a.locale}`}>
                  <span className="kb-title">{a.title}</span>
                  <span className="kb-meta">
                    {a.locale} · {a.status === 'published' ? t('kb.statusPublished') : t('kb.statusDraft')}
                  </span>
                  <span className="kb-actions">
                    {a.status === 'published' && (
                      <a href={a.url} target="_blank" rel="noopener noreferrer">
                        {t('kb.open')}
                      </a>
                    )}
                    <Button onClick={() => setEditing({ kind: 'edit', id: a.id })}>{t('kb.edit')}</Button>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
