import type { ChatClient } from '../core/chat-client.js';
import { linkify } from '../core/linkify.js';
import {
  isOffline,
  isReadByAgent,
  visibleText,
  type ChatAttachment,
  type ChatMessage,
  type ChatState,
} from '../core/message-model.js';
import { css } from './styles.js';

type Attrs = Record<string, string>;

/** Builds an element from a tag, attributes and children; text always goes in as text nodes. */
function h(tag: string, attrs: Attrs = {}, ...children: Array<Node | string | null | false>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children)
    if (c !== null && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

function initials(name: string | null): string {
  return (name ?? '?')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

function time(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function textWithLinks(text: string): Node {
  const frag = document.createDocumentFragment();
  for (const seg of linkify(text)) {
    if (seg.kind === 'text') frag.append(document.createTextNode(seg.text));
    else
      frag.append(
        h('a', { href: seg.href, target: '_blank', rel: 'noopener noreferrer nofollow' }, seg.text),
      );
  }
  return frag;
}

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

/**
 * The thin view: a launcher and a chat window in a shadow root, re-rendered from ChatState.
 * The composer is built once (focus and typed text survive re-renders); the log is rebuilt.
 */
export class WidgetView {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly log: HTMLElement;
  private readonly typingLine: HTMLElement;
  private readonly formSlot: HTMLElement;
  private readonly composer: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly fileInput: HTMLInputElement;
  private readonly pendingFiles: HTMLElement;
  private files: ChatAttachment[] = [];
  private formKey = '';
  private contactDone = false;

  constructor(
    private readonly client: ChatClient,
    private readonly api: string,
  ) {
    this.host = document.createElement('switchboard-chat');
    this.host.setAttribute('data-position', 'right');
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.title = h('b', {}, 'Chat');
    this.subtitle = h('span', { class: 'sub' });
    const close = h('button', { class: 'close', type: 'button', 'aria-label': 'Close chat' }, '×');
    close.addEventListener('click', () => this.client.setOpen(false));
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite' });
    this.typingLine = h('div', { class: 'typing', 'aria-live': 'polite' });
    this.formSlot = h('div', {});
    this.input = h('textarea', {
      'aria-label': 'Message',
      placeholder: 'Write a message…',
      maxlength: '4000',
    }) as HTMLTextAreaElement;
    this.fileInput = h('input', {
      type: 'file',
      class: 'hidden',
      'aria-label': 'Attach a file',
    }) as HTMLInputElement;
    const attach = h(
      'button',
      { class: 'attach', type: 'button', 'aria-label': 'Attach a file', title: 'Attach a file' },
      '📎',
    );
    attach.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => void this.onFile());
    this.pendingFiles = h('div', { class: 'pending-files' });
    this.composer = h(
      'form',
      { class: 'composer' },
      attach,
      this.fileInput,
      this.input,
      h('button', { class: 'send', type: 'submit' }, 'Send'),
    ) as HTMLFormElement;
    this.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        void this.submit();
      }
    });
    this.input.addEventListener('input', () => this.client.typing(this.input.value.length > 0));
    this.panel = h(
      'section',
      { class: 'panel', role: 'dialog', 'aria-label': 'Chat' },
      h('header', { class: 'head' }, h('div', {}, this.title, this.subtitle), close),
      this.log,
      this.typingLine,
      this.formSlot,
      this.pendingFiles,
      this.composer,
    );
    this.panel.hidden = true;
    this.badge = h('span', { class: 'badge hidden' });
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-label': 'Open chat' });
    this.launcher.innerHTML = ICON;
    this.launcher.append(this.badge);
    this.launcher.addEventListener('click', () => this.client.setOpen(!this.client.store.state.open));
    this.root.append(style, this.panel, this.launcher);
    client.store.subscribe((s) => this.render(s));
    this.render(client.store.state);
  }

  mount(parent: HTMLElement = document.body): void {
    parent.append(this.host);
  }

  private async submit(): Promise<void> {
    const text = this.input.value;
    const files = this.files;
    if (!text.trim() && files.length === 0) return;
    this.input.value = '';
    this.files = [];
    this.pendingFiles.textContent = '';
    await this.client.send(text, files);
  }

  private async onFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    this.pendingFiles.textContent = `Uploading ${file.name}…`;
    try {
      this.files = [...this.files, await this.client.upload(file)];
      this.pendingFiles.textContent = this.files.map((f) => `📎 ${f.filename}`).join('  ');
    } catch (err) {
      this.pendingFiles.textContent = `Could not attach ${file.name}: ${(err as Error).message}`;
    }
  }

  render(s: ChatState): void {
    const settings = s.settings;
    if (settings) {
      this.host.style.setProperty('--p', settings.colors.primary);
      this.host.style.setProperty('--t', settings.colors.text);
      this.host.setAttribute('data-position', settings.position);
      this.title.textContent = settings.title;
    } else {
      this.host.style.setProperty('--p', '#2f6fed');
      this.host.style.setProperty('--t', '#ffffff');
    }
    this.subtitle.textContent = !s.availability
      ? ''
      : isOffline(s)
        ? awayLine(s)
        : 'We typically reply in a few minutes';
    this.panel.hidden = !s.open;
    this.launcher.setAttribute('aria-label', s.open ? 'Close chat' : 'Open chat');
    this.badge.textContent = String(s.unread);
    this.badge.classList.toggle('hidden', s.unread === 0);
    this.renderLog(s);
    this.typingLine.textContent = s.agentTyping ? `${s.agentTyping} is typing…` : '';
    this.renderForm(s);
  }

  private renderLog(s: ChatState): void {
    const nodes: Node[] = [];
    if (s.settings?.greeting) nodes.push(h('div', { class: 'msg out' }, s.settings.greeting));
    let lastAuthor: string | null = null;
    for (const m of s.messages) {
      if (m.direction === 'out' && m.authorName !== lastAuthor)
        nodes.push(
          h(
            'div',
            { class: 'who' },
            h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(m.authorName)),
            m.authorName ?? '',
          ),
        );
      lastAuthor = m.direction === 'out' ? m.authorName : null;
      nodes.push(this.message(s, m));
    }
    if (s.status === 'solved' || s.status === 'closed')
      nodes.push(
        h('div', { class: 'msg sys' }, 'This conversation was marked as solved. Write again any time.'),
      );
    const atBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    this.log.replaceChildren(...nodes);
    if (atBottom || s.open) this.log.scrollTop = this.log.scrollHeight;
  }

  private message(s: ChatState, m: ChatMessage): HTMLElement {
    const el = h('div', { class: `msg ${m.direction}`, 'data-message-id': m.id });
    el.append(textWithLinks(visibleText(m)));
    for (const a of m.attachments) {
      const href = a.url.startsWith('/') ? this.api + a.url : a.url;
      const link = h('a', { class: 'file', href, target: '_blank', rel: 'noopener noreferrer' });
      if (/^image\/(png|jpeg|gif|webp)$/.test(a.contentType))
        link.append(h('img', { src: href, alt: a.filename }));
      else link.append(`📎 ${a.filename}`);
      el.append(link);
    }
    const meta = m.failed
      ? h('span', { class: 'meta failed' }, `Not sent: ${m.failed}`)
      : h(
          'span',
          { class: 'meta' },
          m.clientId ? 'Sending…' : `${time(m.createdAt)}${isReadByAgent(s, m) ? ' · Read' : ''}`,
        );
    el.append(meta);
    return el;
  }

  /** At most one form under the log: CSAT when solved, else pre-chat / offline email. */
  private renderForm(s: ChatState): void {
    const needsContact =
      !this.contactDone &&
      !!s.settings &&
      !s.visitor?.email &&
      (isOffline(s) || s.settings.preChat.email !== 'off' || s.settings.preChat.name !== 'off') &&
      s.messages.length === 0;
    const key =
      s.csat === 'asked'
        ? 'csat'
        : s.csat === 'done'
          ? 'thanks'
          : needsContact
            ? `contact:${isOffline(s)}`
            : '';
    if (key === this.formKey) return;
    this.formKey = key;
    if (key === 'csat') this.formSlot.replaceChildren(this.csatForm());
    else if (key === 'thanks') this.formSlot.replaceChildren(this.thanks(s));
    else if (needsContact) this.formSlot.replaceChildren(this.contactForm(s));
    else this.formSlot.replaceChildren();
  }

  private contactForm(s: ChatState): HTMLElement {
    const offline = isOffline(s);
    const pre = s.settings!.preChat;
    const name = h('input', {
      name: 'name',
      placeholder: `Your name${pre.name === 'required' ? '' : ' (optional)'}`,
      autocomplete: 'name',
      maxlength: '120',
    }) as HTMLInputElement;
    const email = h('input', {
      name: 'email',
      type: 'email',
      placeholder: `Email${pre.email === 'required' || offline ? '' : ' (optional)'}`,
      autocomplete: 'email',
    }) as HTMLInputElement;
    if (pre.name === 'required') name.required = true;
    if (pre.email === 'required' || offline) email.required = true;
    const error = h('p', { class: 'failed' });
    const skip = h('button', { class: 'link', type: 'button' }, 'Skip');
    const form = h(
      'form',
      { class: 'form', 'data-form': offline ? 'offline' : 'prechat' },
      h('p', {}, offline ? s.settings!.offlineMessage : 'Tell us who you are, so we can get back to you.'),
      pre.name === 'off' ? null : name,
      email,
      error,
      h('button', { class: 'btn', type: 'submit' }, offline ? 'Leave my email' : 'Start chat'),
      ' ',
      offline || pre.email === 'required' || pre.name === 'required' ? null : skip,
    );
    skip.addEventListener('click', () => {
      this.contactDone = true;
      this.formKey = '';
      this.formSlot.replaceChildren();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.client
        .updateContact({ name: name.value || undefined, email: email.value || undefined })
        .then((problem) => {
          if (problem) error.textContent = problem;
          else {
            this.contactDone = true;
            this.formSlot.replaceChildren(
              h(
                'p',
                { class: 'form' },
                offline
                  ? 'Thanks! Write your question below; the answer will reach you by email.'
                  : 'Thanks! How can we help?',
              ),
            );
            this.input.focus();
          }
        });
    });
    return form;
  }

  private csatForm(): HTMLElement {
    let score = 0;
    const stars = h('div', {
      class: 'stars',
      role: 'group',
      'aria-label': 'Rate this conversation from 1 to 5',
    });
    const comment = h('textarea', {
      placeholder: 'Anything to add? (optional)',
      maxlength: '2000',
    }) as HTMLTextAreaElement;
    for (let i = 1; i <= 5; i++) {
      const b = h('button', { type: 'button', 'data-score': String(i), 'aria-pressed': 'false' }, String(i));
      b.addEventListener('click', () => {
        score = i;
        for (const other of Array.from(stars.children))
          other.setAttribute('aria-pressed', String(other === b));
        void this.client.rate(score);
      });
      stars.append(b);
    }
    const form = h(
      'form',
      { class: 'form', 'data-form': 'csat' },
      h('p', {}, 'How did we do?'),
      stars,
      comment,
      h('button', { class: 'btn', type: 'submit' }, 'Send feedback'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (score) void this.client.rate(score, comment.value || undefined);
    });
    return form;
  }

  private thanks(s: ChatState): HTMLElement {
    const box = h(
      'div',
      { class: 'form', 'data-form': 'thanks' },
      h('p', {}, 'Thank you for your feedback!'),
    );
    if (s.settings?.transcripts) {
      const button = h('button', { class: 'link', type: 'button' }, 'Email me a transcript');
      button.addEventListener(
        'click',
        () =>
          void this.client
            .transcript()
            .then((problem) => (button.textContent = problem ?? 'Transcript sent.')),
      );
      box.append(button);
    }
    return box;
  }
}

function awayLine(s: ChatState): string {
  const next = s.availability?.nextOpenAt;
  if (!next) return 'We are away right now';
  const d = new Date(next);
  return `We are back ${d.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })}`;
}
