import { postJson } from './session.js';

export interface SuggestedArticle {
  id: string;
  title: string;
  snippet: string;
  /** Absolute URL of the article in the help center. */
  url: string;
}

export interface ArticleSuggestionsOptions {
  api: string;
  accountId: string;
  locale: string;
  /** The visitor's token, once the session started; events are reported only with one. */
  token: () => string | null;
  onChange: (articles: SuggestedArticle[]) => void;
  /** Injected in tests. */
  fetch?: typeof fetch;
  delayMs?: number;
}

/**
 * Help articles for what the visitor is typing, before they send: searched (debounced) in the
 * help center of the visitor's language. Suggestions shown and articles opened are reported
 * with the visitor token, so self-service is measured and the agent later sees what was read.
 */
export class ArticleSuggestions {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastQuery = '';
  private seq = 0;
  private readonly reported = new Set<string>();
  articles: SuggestedArticle[] = [];

  constructor(private readonly options: ArticleSuggestionsOptions) {}

  /** The composer's text changed. Fewer than 3 letters clears the list. */
  typed(text: string): void {
    const q = text.trim().slice(0, 200);
    if (this.timer) clearTimeout(this.timer);
    if (q.length < 3) {
      this.lastQuery = '';
      this.set([]);
      return;
    }
    if (q === this.lastQuery) return;
    this.timer = setTimeout(() => void this.search(q), this.options.delayMs ?? 300);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.lastQuery = '';
    this.set([]);
  }

  private async search(q: string): Promise<void> {
    this.lastQuery = q;
    const mine = ++this.seq;
    const { api, locale } = this.options;
    try {
      const url = new URL('/api/public/kb/search', api);
      url.search = new URLSearchParams({ q, locale, limit: '3' }).toString();
      const res = await (this.options.fetch ?? fetch)(url.href, { credentials: 'omit' });
      if (!res.ok || mine !== this.seq) return;
      const body = (await res.json()) as { items: Array<Omit<SuggestedArticle, 'url'> & { url: string }> };
      const articles = body.items.map((a) => ({ ...a, url: new URL(a.url, api).href }));
      this.set(articles);
      const fresh = articles.filter((a) => !this.reported.has(a.id));
      fresh.forEach((a) => this.reported.add(a.id));
      if (fresh.length)
        this.report(
          'shown',
          fresh.map((a) => a.id),
        );
    } catch {
      // Suggestions are a help, never a blocker: the visitor can still send.
    }
  }

  /** The visitor opened a suggested article (it opens in a new tab). */
  opened(article: SuggestedArticle): void {
    this.report('opened', [article.id]);
  }

  private set(articles: SuggestedArticle[]): void {
    this.articles = articles;
    this.options.onChange(articles);
  }

  private report(type: 'shown' | 'opened', articleIds: string[]): void {
    const token = this.options.token();
    if (!token) return;
    void postJson(`${this.options.api}/api/public/kb/events`, {
      accountId: this.options.accountId,
      token,
      type,
      articleIds,
    }).catch(() => undefined);
  }
}
