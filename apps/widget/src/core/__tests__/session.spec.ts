import { startSession, tokenKey, type KeyValueStorage } from '../session.js';
/** jsdom has no fetch Response: the session code only reads ok, status and json(). */
const reply = (status: number, body: unknown) => ({ ok: status < 400, status, json: async () => body });

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('visitor session', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('sends the stored token as a simple text/plain request and keeps the token returned', async () => {
    const storage = memoryStorage();
    storage.setItem(tokenKey('acc'), 'old-token');
    const calls: Array<{ url: string; init: RequestInit }> = [];
    global.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return reply(200, { token: 'new-token', visitor: { id: 'v' }, settings: {}, availability: {} });
    }) as unknown as typeof fetch;
    const info = await startSession('https://api.example', 'acc', storage, { name: 'Ann' });
    expect(info.token).toBe('new-token');
    expect(storage.getItem(tokenKey('acc'))).toBe('new-token');
    expect(calls[0].url).toBe('https://api.example/api/widget/acc/session');
    expect((calls[0].init.headers as Record<string, string>)['content-type']).toMatch(/^text\/plain/);
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ token: 'old-token', name: 'Ann' });
  });

  it('reports the server message on refusal', async () => {
    global.fetch = (async () =>
      reply(401, { message: 'userHash does not match userId' })) as unknown as typeof fetch;
    await expect(startSession('https://api.example', 'acc', memoryStorage())).rejects.toThrow(
      'userHash does not match userId',
    );
  });
});
