import { ChatClient } from '../../core/chat-client.js';
import type { ChatMessage } from '../../core/message-model.js';
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

function setup() {
  const client = new ChatClient({
    api: 'https://api.example',
    accountId: 'acc',
    storage: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
  });
  const view = new WidgetView(client, 'https://api.example');
  view.mount();
  client.store.update({ settings, availability: { open: true, agentsOnline: true, nextOpenAt: null } });
  return { client, view, $: (sel: string) => view.root.querySelector(sel) as HTMLElement };
}

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
});
