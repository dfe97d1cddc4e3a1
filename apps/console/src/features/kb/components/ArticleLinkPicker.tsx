import { useState, type RefObject } from 'react';
import type { KbArticleSummary } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { Input } from '../../../components/Input';
import { useTranslation } from '../../../i18n';
import type { TextEdit } from '../../composer/lib/markdown-edit';
import { useKbArticles } from '../hooks/useKb';
import '../kb.css';

/** A Markdown link to the article's help center page, put where the caret is (replacing a selection). */
export function insertArticleLink(
  edit: TextEdit,
  article: Pick<KbArticleSummary, 'title' | 'url'>,
  origin: string,
): TextEdit {
  const link = `[${article.title.replace(/[[\]]/g, '')}](${origin}${article.url})`;
  const text = edit.text.slice(0, edit.start) + link + edit.text.slice(edit.end);
  const caret = edit.start + link.length;
  return { text, start: caret, end: caret };
}

/** The composer's "Insert article": search published help articles and link one in the reply. */
export function ArticleLinkPicker({
  textRef,
  onEdit,
}: {
  textRef: RefObject<HTMLTextAreaElement | null>;
  onEdit(edit: TextEdit): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const articles = useKbArticles(q, 'published');

  function pick(article: KbArticleSummary) {
    const el = textRef.current;
    const edit = el
      ? { text: el.value, start: el.selectionStart, end: el.selectionEnd }
      : { text: '', start: 0, end: 0 };
    setOpen(false);
    onEdit(insertArticleLink(edit, article, window.location.origin));
  }

  return (
    <>
      <Button className="link-button" onMouseDown={(e) => e.preventDefault()} onClick={() => setOpen(true)}>
        {t('kb.insert')}
      </Button>
      {open && (
        <Dialog title={t('kb.insertTitle')} onClose={() => setOpen(false)}>
          <div className="article-picker">
            <Input label={t('kb.insertSearch')} value={q} onChange={(e) => setQ(e.target.value)} />
            {articles.data?.length === 0 && <p className="empty-state">{t('kb.insertEmpty')}</p>}
            <ul aria-label={t('kb.listLabel')}>
              {(articles.data ?? []).map((a) => (
                <li key={`${a.id}-${a.locale}`}>
                  <Button onClick={() => pick(a)}>
                    {a.title} <span className="muted">({a.locale})</span>
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        </Dialog>
      )}
    </>
  );
}
