import { ArticleSuggestions, type SuggestedArticle } from '../article-suggestions.js';

/** Suggestions while the visitor types: searched in their language, reported as shown and opened. */
describe('article suggestions', () => {
  const calls: Array<{ url: string; body?: unknown }> = [];
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    calls.length = 0;
  });

  // jsdom has no Response: what the code reads of one.
  const reply = (body: unknown) => ({ ok: true, status: 200, json: async () => body }) as unknown as Response;

  function setup(token: string | null = 'wvt_token') {
    const lists: SuggestedArticle[][] = [];
    const fake = (async (url: string, init?: RequestInit) => {
      calls.push({ url: String(url), body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (String(url).includes('/search'))
        return reply({
          items: [
            {
              id: 'a1',
              locale: 'de',
              title: 'Paket zurücksenden',
              snippet: '…',
              url: '/help/de/articles/paket',
            },
          ],
        });
      return reply({ recorded: 1 });
    }) as typeof fetch;
    globalThis.fetch = fake;
    const s = new ArticleSuggestions({
      api: 'https://help.example',
      accountId: 'acc-1',
      locale: 'de',
      token: () => token,
      onChange: (a) => lists.push(a),
      fetch: fake,
      delayMs: 5,
    });
    return { s, lists };
  }
  const settle = () => new Promise((r) => setTimeout(r, 30));

  it('typing a question searches the help center in the visitor language and lists what it found', async () => {
    const { s, lists } = setup();
    s.typed('Wie sende ich mein Paket zurück?');
    await settle();
    const asked = new URL(calls[0].url);
    expect(asked.origin + asked.pathname).toBe('https://help.example/api/public/kb/search');
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      q: 'Wie sende ich mein Paket zurück?',
      locale: 'de',
      limit: '3',
    });
    expect(lists.at(-1)).toEqual([
      expect.objectContaining({ id: 'a1', url: 'https://help.example/help/de/articles/paket' }),
    ]);
    expect(calls[1]).toEqual({
      url: 'https://help.example/api/public/kb/events',
      body: { accountId: 'acc-1', token: 'wvt_token', type: 'shown', articleIds: ['a1'] },
    });
    s.opened(lists.at(-1)![0]);
    await settle();
    expect(calls.at(-1)?.body).toMatchObject({ type: 'opened', articleIds: ['a1'] });
  });

  it('short text clears the list, and nothing is reported without a visitor token', async () => {
    const { s, lists } = setup(null);
    s.typed('Paket');
    await settle();
    s.typed('Pa');
    expect(lists.at(-1)).toEqual([]);
    expect(calls.filter((c) => c.url.includes('/events'))).toEqual([]);
  });
});
