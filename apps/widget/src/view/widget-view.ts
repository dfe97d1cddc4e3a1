import { ArticleSuggestions } from '../core/article-suggestions.js';
import type { i18n, TFunction } from 'i18next';
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
import { browserLanguages, createTranslator } from '../i18n/i18n.js';
import { icon } from './icons.js';
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

/** A file name with the paperclip icon before it. */
function fileLabel(filename: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  frag.append(icon('paperclip'), document.createTextNode(filename));
  return frag;
}

/**
 * The thin view: a launcher and a chat window in a shadow root, re-rendered from ChatState.
 * The composer and the form under the transcript are built once per purpose (focus and typed
 * text survive re-renders); the messages are rebuilt. Every word comes from the translator.
 */
export class WidgetView {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private readonly t: TFunction;
  private readonly language: string;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly log: HTMLElement;
  private readonly transcript: HTMLElement;
  private readonly typingLine: HTMLElement;
  private readonly formSlot: HTMLElement;
  private readonly composer: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly fileInput: HTMLInputElement;
  private readonly pendingFiles: HTMLElement;
  private readonly suggestionList: HTMLElement;
  private readonly suggester: ArticleSuggestions;
  private files: ChatAttachment[] = [];
  private formKey = '';
  /** The visitor answered (or skipped) the pre-chat form in this page view. */
  private contactDone = false;

  constructor(
    private readonly client: ChatClient,
    private readonly api: string,
    translator: i18n = createTranslator(browserLanguages()),
  ) {
    this.t = translator.t.bind(translator);
    this.language = translator.resolvedLanguage ?? translator.language;
    const t = this.t;
    this.host = document.createElement('switchboard-chat');
    this.host.setAttribute('data-position', 'right');
    this.host.setAttribute('lang', this.language);
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.title = h('b', {}, t('panel.defaultTitle'));
    this.subtitle = h('span', { class: 'sub' });
    const close = h(
      'button',
      { class: 'close', type: 'button', 'aria-label': t('panel.close') },
      icon('close'),
    );
    close.addEventListener('click', () => this.client.setOpen(false));
    this.transcript = h('div', { class: 'transcript' });
    this.formSlot = h('div', { class: 'form-slot' });
    // The forms (pre-chat, CSAT) scroll with the conversation instead of taking height from it.
    this.log = h('div', { class: 'log' }, this.transcript, this.formSlot);
    this.transcript.setAttribute('role', 'log');
    this.transcript.setAttribute('aria-live', 'polite');
    this.typingLine = h('div', { class: 'typing', 'aria-live': 'polite' });
    this.input = h('textarea', {
      'aria-label': t('composer.label'),
      placeholder: t('composer.placeholder'),
      maxlength: '4000',
    }) as HTMLTextAreaElement;
    this.fileInput = h('input', {
      type: 'file',
      class: 'hidden',
      'aria-label': t('composer.attach'),
    }) as HTMLInputElement;
    const attach = h(
      'button',
      { class: 'attach', type: 'button', 'aria-label': t('composer.attach'), title: t('composer.attach') },
      icon('paperclip'),
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
      h('button', { class: 'send', type: 'submit' }, t('composer.send')),
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
    this.suggestionList = h('nav', { class: 'suggestions', 'aria-label': t('articles.label') });
    this.suggestionList.hidden = true;
    this.suggester = new ArticleSuggestions({
      api: this.api,
      accountId: client.accountId,
      locale: this.language.toLowerCase(),
      token: () => client.token,
      onChange: () => this.renderSuggestions(),
    });
    this.input.addEventListener('input', () => {
      this.client.typing(this.input.value.length > 0);
      if (this.suggesting(client.store.state)) this.suggester.typed(this.input.value);
    });
    this.panel = h(
      'section',
      { class: 'panel', role: 'dialog', 'aria-label': t('panel.label') },
      h('header', { class: 'head' }, h('div', {}, this.title, this.subtitle), close),
      this.log,
      this.typingLine,
      this.pendingFiles,
      this.suggestionList,
      this.composer,
    );
    this.panel.hidden = true;
    this.badge = h('span', { class: 'badge hidden' });
    this.launcher = h(
      'button',
      { class: 'launcher', type: 'button', 'aria-label': t('panel.open') },
      icon('chat'),
      this.badge,
    );
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
    this.suggester.clear();
    this.files = [];
    this.pendingFiles.textContent = '';
    await this.client.send(text, files);
  }

  private async onFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    this.pendingFiles.textContent = this.t('composer.uploading', { name: file.name });
    try {
      this.files = [...this.files, await this.client.upload(file)];
      this.pendingFiles.replaceChildren(
        ...this.files.map((f) => h('span', { class: 'pending-file' }, fileLabel(f.filename))),
      );
    } catch (err) {
      this.pendingFiles.textContent = this.t('composer.attachFailed', {
        name: file.name,
        reason: (err as Error).message,
      });
    }
  }

  /** Articles are suggested before the visitor's first message, and whenever nobody is there to answer. */
  private suggesting(s: ChatState): boolean {
    return !s.messages.some((m) => m.direction === 'in') || isOffline(s);
  }

  private renderSuggestions(): void {
    const articles = this.suggester.articles;
    this.suggestionList.hidden = articles.length === 0;
    if (!articles.length) return this.suggestionList.replaceChildren();
    this.suggestionList.replaceChildren(
      h('p', { class: 'suggestions-intro' }, this.t('articles.intro')),
      h(
        'ul',
        {},
        ...articles.map((a) => {
          const link = h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer' }, a.title);
          link.addEventListener('click', () => this.suggester.opened(a));
          return h('li', {}, link);
        }),
      ),
    );
  }

  render(s: ChatState): void {
    const t = this.t;
    const settings = s.settings;
    if (settings) {
      this.host.style.setProperty('--p', settings.colors.primary);
      this.host.style.setProperty('--t', settings.colors.text);
      this.host.setAttribute('data-position', settings.position);
      this.title.textContent = settings.title || t('panel.defaultTitle');
    } else {
      this.host.style.setProperty('--p', '#2f6fed');
      this.host.style.setProperty('--t', '#ffffff');
    }
    this.subtitle.textContent = !s.availability ? '' : isOffline(s) ? this.awayLine(s) : t('panel.replyTime');
    this.panel.hidden = !s.open;
    this.host.toggleAttribute('data-open', s.open);
    this.launcher.setAttribute('aria-label', s.open ? t('panel.close') : t('panel.open'));
    this.badge.textContent = String(s.unread);
    this.badge.classList.toggle('hidden', s.unread === 0);
    const atBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    this.renderLog(s);
    this.typingLine.textContent = s.agentTyping ? t('message.typing', { name: s.agentTyping }) : '';
    this.renderForm(s);
    if (atBottom || s.open) this.log.scrollTop = this.log.scrollHeight;
  }

  private renderLog(s: ChatState): void {
    const nodes: Node[] = [];
    if (s.settings) {
      const greeting = s.settings.greeting || this.t('message.defaultGreeting');
      nodes.push(h('div', { class: 'msg out' }, greeting));
    }
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
      nodes.push(h('div', { class: 'msg sys' }, this.t('message.solved')));
    this.transcript.replaceChildren(...nodes);
  }

  /** The client's own failure codes in words; the server's reasons as it gave them. */
  private reason(problem: string): string {
    return problem === 'connection_down' ? this.t('message.connectionDown') : problem;
  }

  private time(iso: string): string {
    return new Date(iso).toLocaleTimeString(this.language, { hour: '2-digit', minute: '2-digit' });
  }

  private message(s: ChatState, m: ChatMessage): HTMLElement {
    const t = this.t;
    const el = h('div', { class: `msg ${m.direction}`, 'data-message-id': m.id });
    el.append(textWithLinks(visibleText(m)));
    for (const a of m.attachments) {
      const href = a.url.startsWith('/') ? this.api + a.url : a.url;
      const link = h('a', { class: 'file', href, target: '_blank', rel: 'noopener noreferrer' });
      if (/^image\/(png|jpeg|gif|webp)$/.test(a.contentType))
        link.append(h('img', { src: href, alt: a.filename }));
      else link.append(fileLabel(a.filename));
      el.append(link);
    }
    // Buttons answer only the latest message: an older question was answered already.
    if (m.direction === 'out' && m.choices?.length && s.messages[s.messages.length - 1] === m) {
      const row = h('div', { class: 'choices' });
      for (const choice of m.choices) {
        const button = h('button', { type: 'button', class: 'choice' }, choice.label);
        button.addEventListener('click', () => void this.client.send(choice.value));
        row.append(button);
      }
      el.append(row);
    }
    const meta = m.failed
      ? h('span', { class: 'meta failed' }, t('message.notSent', { reason: this.reason(m.failed) }))
      : h(
          'span',
          { class: 'meta' },
          m.clientId
            ? t('message.sending')
            : t(isReadByAgent(s, m) ? 'message.sentAtRead' : 'message.sentAt', {
                time: this.time(m.createdAt),
              }),
        );
    el.append(meta);
    return el;
  }

  /**
   * At most one form after the transcript: CSAT when solved; else the pre-chat (or offline
   * email) form until the visitor answers or writes, and its thank-you until the first message.
   */
  private renderForm(s: ChatState): void {
    const offline = isOffline(s);
    const asksContact =
      !!s.settings &&
      !s.visitor?.email &&
      (offline || s.settings.preChat.email !== 'off' || s.settings.preChat.name !== 'off');
    const beforeFirstMessage = s.messages.length === 0;
    const key =
      s.csat === 'asked'
        ? 'csat'
        : s.csat === 'done'
          ? 'thanks'
          : !beforeFirstMessage
            ? ''
            : this.contactDone
              ? `contact-thanks:${offline}`
              : asksContact
                ? `contact:${offline}`
                : '';
    if (key === this.formKey) return;
    this.formKey = key;
    if (key === 'csat') this.formSlot.replaceChildren(this.csatForm());
    else if (key === 'thanks') this.formSlot.replaceChildren(this.thanks(s));
    else if (key.startsWith('contact-thanks'))
      this.formSlot.replaceChildren(
        h('p', { class: 'form' }, offline ? this.t('contact.thanksOffline') : this.t('contact.thanks')),
      );
    else if (key.startsWith('contact')) this.formSlot.replaceChildren(this.contactForm(s));
    else this.formSlot.replaceChildren();
  }

  /** The visitor is done with the contact form: re-render so the thank-you (or nothing) shows. */
  private finishContact(): void {
    this.contactDone = true;
    this.render(this.client.store.state);
  }

  private contactForm(s: ChatState): HTMLElement {
    const t = this.t;
    const offline = isOffline(s);
    const pre = s.settings!.preChat;
    const emailRequired = pre.email === 'required' || offline;
    const name = h('input', {
      name: 'name',
      'aria-label': pre.name === 'required' ? t('contact.name') : t('contact.nameOptional'),
      placeholder: pre.name === 'required' ? t('contact.name') : t('contact.nameOptional'),
      autocomplete: 'name',
      maxlength: '120',
    }) as HTMLInputElement;
    const email = h('input', {
      name: 'email',
      type: 'email',
      'aria-label': emailRequired ? t('contact.email') : t('contact.emailOptional'),
      placeholder: emailRequired ? t('contact.email') : t('contact.emailOptional'),
      autocomplete: 'email',
    }) as HTMLInputElement;
    if (pre.name === 'required') name.required = true;
    if (emailRequired) email.required = true;
    const error = h('p', { class: 'failed', role: 'alert' });
    const skip = h('button', { class: 'link', type: 'button' }, t('contact.skip'));
    const form = h(
      'form',
      { class: 'form', 'data-form': offline ? 'offline' : 'prechat' },
      h('p', {}, offline ? s.settings!.offlineMessage || t('contact.defaultOffline') : t('contact.intro')),
      pre.name === 'off' ? null : name,
      email,
      error,
      h('button', { class: 'btn', type: 'submit' }, offline ? t('contact.leaveEmail') : t('contact.start')),
      ' ',
      offline || pre.email === 'required' || pre.name === 'required' ? null : skip,
    );
    skip.addEventListener('click', () => this.finishContact());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.client
        .updateContact({ name: name.value || undefined, email: email.value || undefined })
        .then((problem) => {
          if (problem) error.textContent = problem;
          else {
            this.finishContact();
            this.input.focus();
          }
        });
    });
    return form;
  }

  /** Choosing a score only selects it; "Send feedback" sends the score and the comment together. */
  private csatForm(): HTMLElement {
    const t = this.t;
    let score = 0;
    const stars = h('div', { class: 'stars', role: 'group', 'aria-label': t('csat.scale') });
    const comment = h('textarea', {
      'aria-label': t('csat.comment'),
      placeholder: t('csat.comment'),
      maxlength: '2000',
    }) as HTMLTextAreaElement;
    const error = h('p', { class: 'failed', role: 'alert' });
    const send = h('button', { class: 'btn', type: 'submit' }, t('csat.send')) as HTMLButtonElement;
    for (let i = 1; i <= 5; i++) {
      const b = h(
        'button',
        {
          type: 'button',
          'data-score': String(i),
          'aria-pressed': 'false',
          'aria-label': t('csat.score', { score: i }),
        },
        String(i),
      );
      b.addEventListener('click', () => {
        score = i;
        error.textContent = '';
        for (const other of Array.from(stars.children))
          other.setAttribute('aria-pressed', String(other === b));
      });
      stars.append(b);
    }
    const form = h(
      'form',
      { class: 'form', 'data-form': 'csat' },
      h('p', {}, t('csat.question')),
      stars,
      comment,
      error,
      send,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!score) {
        error.textContent = t('csat.pickScore');
        return;
      }
      send.disabled = true;
      send.textContent = t('csat.sending');
      void this.client.rate(score, comment.value).then((problem) => {
        if (!problem) return;
        send.disabled = false;
        send.textContent = t('csat.send');
        error.textContent = t('csat.failed', { reason: this.reason(problem) });
      });
    });
    return form;
  }

  private thanks(s: ChatState): HTMLElement {
    const t = this.t;
    const box = h('div', { class: 'form', 'data-form': 'thanks' }, h('p', {}, t('csat.thanks')));
    if (s.settings?.transcripts) {
      const button = h('button', { class: 'link', type: 'button' }, t('csat.transcript'));
      button.addEventListener(
        'click',
        () =>
          void this.client.transcript().then((problem) => {
            button.textContent =
              problem === 'nothing_to_send' ? t('csat.nothingToSend') : (problem ?? t('csat.transcriptSent'));
          }),
      );
      box.append(button);
    }
    return box;
  }

  private awayLine(s: ChatState): string {
    const next = s.availability?.nextOpenAt;
    if (!next) return this.t('panel.away');
    const when = new Date(next).toLocaleString(this.language, {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    return this.t('panel.backAt', { when });
  }
}
