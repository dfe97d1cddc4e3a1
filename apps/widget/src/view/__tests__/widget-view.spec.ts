import { ChatClient } from '../../core/chat-client.js';
import type { ChatMessage, PublicSettings } from '../../core/message-model.js';
import { createTranslator } from '../../i18n/i18n.js';
import { WidgetView } from '../widget-view.js';

const settings = {
  title: 'Help',
  greeting: 'Hi!',
  offlineMessage: 'Away',
  colors: { primary: '#112233', text: '#ffffff' },
  position: 'left' as const,
  preChat: { name: 'off' as const, email: 'off' as const },
  identityVerification: false,
  transcripts: false,
};

function setup(
  languages: readonly string[] = ['en-US'],
  preChat: PublicSettings['preChat'] = settings.preChat,
) {
  const client = new ChatClient({
    api: 'https://api.example',
    accountId: 'acc',
    storage: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
  });
  const view = new WidgetView(client, 'https://api.example', createTranslator(languages));
  view.mount();
  client.store.update({
    settings: { ...settings, preChat },
    availability: { open: true, agentsOnline: true, nextOpenAt: null },
  });
  return { client, view, $: (sel: string) => view.root.querySelector(sel) as HTMLElement };
}

/** The CSAT answers the view hands to the client (the socket round trip is the e2e test's job). */
function recordRatings(client: ChatClient) {
  const sent: Array<{ score: number; comment: string | undefined }> = [];
  client.rate = async (score: number, comment?: string) => {
    sent.push({ score, comment });
    client.store.update({ csat: 'done' });
    return null;
  };
  return sent;
}

const solved = (client: ChatClient) =>
  client.store.update((s) => ({
    ...s,
    open: true,
    ticketId: 't1',
    status: 'solved',
    csat: 'asked',
    messages: [agentMessage('Done')],
  }));

const agentMessage = (text: string, id = 'm1'): ChatMessage => ({
  id,
  ticketId: 't1',
  direction: 'out',
  text,
  authorName: 'Ann Agent',
  createdAt: new Date().toISOString(),
  state: 'sent',
  attachments: [],
});

describe('widget view', () => {
  afterEach(() => document.body.replaceChildren());

  it('renders inside a shadow root with its styles there, and places itself per settings', () => {
    const { view } = setup();
    expect(document.querySelector('switchboard-chat')).toBe(view.host);
    expect(view.root.querySelector('style')!.textContent).toContain(':host{all:initial');
    expect(view.host.getAttribute('data-position')).toBe('left');
    expect(document.head.querySelector('style')).toBeNull();
  });

  it('renders message text as text: markup in a message never becomes elements', () => {
    const { client, $ } = setup();
    client.store.update((s) => ({
      ...s,
      open: true,
      messages: [
        agentMessage(
          '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script> see https://example.com',
        ),
      ],
    }));
    const msg = $('[data-message-id="m1"]');
    expect(msg.querySelector('img, script')).toBeNull();
    expect(msg.textContent).toContain('<script>window.pwned=1</script>');
    const link = msg.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.com/');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it("shows the agent's name and initials, the typing indicator and an unread badge while closed", () => {
    const { client, $ } = setup();
    client.store.update((s) => ({
      ...s,
      messages: [agentMessage('Hello')],
      agentTyping: 'Ann Agent',
      unread: 2,
    }));
    expect($('.who').textContent).toBe('AAAnn Agent');
    expect($('.typing').textContent).toBe('Ann Agent is typing…');
    expect($('.badge').textContent).toBe('2');
    expect($('.badge').classList.contains('hidden')).toBe(false);
    expect(($('.panel') as HTMLElement).hidden).toBe(true);
  });

  it('asks for CSAT with five buttons once the conversation is solved', () => {
    const { client, $ } = setup();
    client.store.update((s) => ({
      ...s,
      open: true,
      ticketId: 't1',
      status: 'solved',
      csat: 'asked',
      messages: [agentMessage('Done')],
    }));
    expect($('[data-form="csat"]')).not.toBeNull();
    expect(Array.from($('.stars').querySelectorAll('button')).map((b) => b.textContent)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });

  it("shows a bot's answer buttons under its latest question only; pressing one sends its value", () => {
    const { client, $ } = setup();
    const sent: string[] = [];
    client.send = async (text: string) => (sent.push(text), true);
    const ask = (id: string, text: string): ChatMessage => ({
      ...agentMessage(text, id),
      choices: [
        { label: 'Billing', value: 'billing' },
        { label: 'Talk to a person', value: 'agent' },
      ],
    });
    client.store.update((s) => ({ ...s, open: true, messages: [ask('m1', 'Topic?'), ask('m2', 'Really?')] }));
    expect($('[data-message-id="m1"] .choices')).toBeNull();
    const buttons = [...$('[data-message-id="m2"]').querySelectorAll('button.choice')] as HTMLButtonElement[];
    expect(buttons.map((b) => b.textContent)).toEqual(['Billing', 'Talk to a person']);
    buttons[1].click();
    expect(sent).toEqual(['agent']);
  });

  it('offers the offline email form when nobody is available', () => {
    const { client, $ } = setup();
    client.store.update({
      availability: {
        open: false,
        agentsOnline: false,
        nextOpenAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    const form = $('[data-form="offline"]');
    expect(form.textContent).toContain('Away');
    expect((form.querySelector('input[type=email]') as HTMLInputElement).required).toBe(true);
    expect($('.sub').textContent).toMatch(/^We are back/);
  });

  it('choosing a score only selects it; "Send feedback" sends the score with the comment', async () => {
    const { client, $ } = setup();
    const sent = recordRatings(client);
    solved(client);
    $('[data-form="csat"] button[data-score="4"]').click();
    expect(sent).toEqual([]);
    expect($('button[data-score="4"]').getAttribute('aria-pressed')).toBe('true');
    expect($('[data-form="csat"]')).not.toBeNull();
    ($('[data-form="csat"] textarea') as HTMLTextAreaElement).value = 'Quick and friendly';
    $('[data-form="csat"] button[type="submit"]').click();
    await Promise.resolve();
    expect(sent).toEqual([{ score: 4, comment: 'Quick and friendly' }]);
    expect($('[data-form="thanks"]').textContent).toContain('Thank you for your feedback!');
  });

  it('"Send feedback" without a score asks for one and sends nothing', () => {
    const { client, $ } = setup();
    const sent = recordRatings(client);
    solved(client);
    $('[data-form="csat"] button[type="submit"]').click();
    expect(sent).toEqual([]);
    expect($('[data-form="csat"] [role="alert"]').textContent).toBe('Choose a score from 1 to 5 first.');
  });

  it('the CSAT form scrolls with the transcript instead of taking height from it', () => {
    const { client, $ } = setup();
    solved(client);
    const form = $('[data-form="csat"]');
    expect(form.closest('.log')).toBe($('.log'));
  });

  it('the pre-chat thank-you goes away once the visitor has asked their question', async () => {
    const { client, $ } = setup(['en'], { name: 'optional', email: 'optional' });
    client.store.update({ open: true });
    client.updateContact = async (fields) => {
      client.store.update((s) => ({
        ...s,
        visitor: { id: 'v', name: fields.name ?? null, email: fields.email ?? null, verified: false },
      }));
      return null;
    };
    ($('[data-form="prechat"] input[name="email"]') as HTMLInputElement).value = 'ann@example.com';
    ($('[data-form="prechat"]') as HTMLFormElement).requestSubmit();
    await new Promise((r) => setTimeout(r, 0));
    expect($('.panel').textContent).toContain('Thanks! How can we help?');
    client.store.update((s) => ({
      ...s,
      messages: [{ ...agentMessage('Where is my order?'), direction: 'in', authorName: null }],
    }));
    expect($('.panel').textContent).not.toContain('Thanks! How can we help?');
    expect($('.panel').textContent).not.toContain('Tell us who you are');
  });

  it('draws the attach button as an SVG icon, not an emoji a font may lack', () => {
    const { $ } = setup();
    const attach = $('.composer .attach');
    expect(attach.querySelector('svg')).not.toBeNull();
    expect(attach.textContent).toBe('');
    expect(attach.getAttribute('aria-label')).toBe('Attach a file');
  });

  it('speaks German to a visitor whose browser prefers German (de-AT finds de)', () => {
    const { client, $, view } = setup(['de-AT', 'en']);
    solved(client);
    expect(view.host.getAttribute('lang')).toBe('de');
    expect($('textarea[aria-label="Nachricht"]').getAttribute('placeholder')).toBe('Nachricht schreiben…');
    expect($('.composer .send').textContent).toBe('Senden');
    expect($('[data-form="csat"] p').textContent).toBe('Wie waren wir?');
    expect($('[data-form="csat"] button[type="submit"]').textContent).toBe('Feedback senden');
    expect($('.launcher').getAttribute('aria-label')).toBe('Chat schließen');
  });

  it("says the default title and greeting in the visitor's language when the admin wrote none", () => {
    const { client, $ } = setup(['de-DE']);
    client.store.update((s) => ({ ...s, settings: { ...settings, title: '', greeting: '' } }));
    expect($('.head b').textContent).toBe('Schreiben Sie uns');
    expect($('.msg.out').textContent).toBe('Hallo! Wie können wir helfen?');
  });

  it('falls back to English for a language it does not ship', () => {
    const { $, view } = setup(['fr-FR', 'ja']);
    expect(view.host.getAttribute('lang')).toBe('en');
    expect($('.composer .send').textContent).toBe('Send');
  });

  it('suggests help articles as the visitor types, before sending, as escaped links that open in a new tab', async () => {
    const realFetch = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = (async (url: string) => {
      urls.push(String(url));
      return {
        ok: true,
        json: async () => ({
          items: [
            {
              id: 'a1',
              locale: 'en',
              title: '<b>Returns</b>',
              snippet: '',
              url: '/help/en/articles/returns',
            },
          ],
        }),
      };
    }) as unknown as typeof fetch;
    try {
      const { $ } = setup();
      const input = $('textarea') as HTMLTextAreaElement;
      input.value = 'how do I return a parcel';
      input.dispatchEvent(new Event('input'));
      await new Promise((r) => setTimeout(r, 400));
      const asked = new URL(urls[0]);
      expect(asked.pathname).toBe('/api/public/kb/search');
      expect(Object.fromEntries(asked.searchParams)).toEqual({
        q: 'how do I return a parcel',
        locale: 'en',
        limit: '3',
      });
      const link = $('.suggestions a') as HTMLAnchorElement;
      expect($('.suggestions').hidden).toBe(false);
      expect(link.textContent).toBe('<b>Returns</b>');
      expect(link.querySelector('b')).toBeNull();
      expect(link.href).toBe('https://api.example/help/en/articles/returns');
      expect(link.target).toBe('_blank');
      expect($('.suggestions').getAttribute('aria-label')).toBe('Suggested help articles');
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('stops suggesting once the visitor has written, and suggests again while nobody is there to answer', async () => {
    const realFetch = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = (async (url: string) => {
      urls.push(String(url));
      return { ok: true, json: async () => ({ items: [] }) };
    }) as unknown as typeof fetch;
    try {
      const { client, $ } = setup();
      const mine = { ...agentMessage('Where is my parcel?'), direction: 'in' as const, authorName: null };
      client.store.update((s) => ({ ...s, messages: [mine] }));
      const input = $('textarea') as HTMLTextAreaElement;
      const type = async (text: string) => {
        input.value = text;
        input.dispatchEvent(new Event('input'));
        await new Promise((r) => setTimeout(r, 400));
      };
      await type('and my invoice');
      expect(urls).toEqual([]);
      client.store.update({ availability: { open: false, agentsOnline: false, nextOpenAt: null } });
      await type('and my invoice please');
      expect(urls).toHaveLength(1);
      expect(new URL(urls[0]).searchParams.get('q')).toBe('and my invoice please');
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
