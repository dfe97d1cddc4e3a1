import { ChatClient } from './core/chat-client.js';
import { safeStorage, tokenKey, type IdentityInput } from './core/session.js';
import { WidgetView } from './view/widget-view.js';

declare global {
  interface Window {
    /** Set by the host page before the script to identify its signed-in user (HMAC from its server). */
    SwitchboardChat?: { identity?: IdentityInput };
  }
}

/**
 * Entry of widget.js. The tag is `async`, so this runs whenever the file arrives; the widget
 * itself is built only after the host page's load event (and an idle moment), and the socket
 * opens only when the visitor opens the chat or already has a conversation.
 */
function boot(script: HTMLScriptElement | null): void {
  const accountId = script?.dataset.account;
  if (!script || !accountId) return;
  const api = new URL(script.src, location.href).origin;
  const start = () => {
    const storage = safeStorage();
    const client = new ChatClient({ api, accountId, storage, identity: window.SwitchboardChat?.identity });
    const view = new WidgetView(client, api);
    view.mount();
    // A returning visitor reconnects at once, so agent replies show as an unread badge.
    if (storage.getItem(tokenKey(accountId))) void client.start().catch(() => undefined);
  };
  const idle = (fn: () => void) =>
    'requestIdleCallback' in window
      ? (window as Window & { requestIdleCallback(cb: () => void, o?: object): number }).requestIdleCallback(
          fn,
          { timeout: 2000 },
        )
      : setTimeout(fn, 1);
  if (document.readyState === 'complete') idle(start);
  else window.addEventListener('load', () => idle(start), { once: true });
}

boot(document.currentScript as HTMLScriptElement | null);
