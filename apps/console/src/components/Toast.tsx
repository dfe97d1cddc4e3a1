import { useTranslation } from '../i18n';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { asSentence } from './as-sentence';

type Tone = 'success' | 'error';

/** A button on a success toast ("Undo"); it dismisses the toast when pressed. */
export interface ToastAction {
  label: string;
  onClick(): void;
}

interface ToastMessage {
  id: number;
  tone: Tone;
  text: string;
  action?: ToastAction;
}

/** How long a success stays; errors stay until dismissed or replaced by the next action. */
const SUCCESS_MS = 6000;

/**
 * Short outcome messages ("Ben Agent disabled; 3 open tickets moved to the team queue.") in one
 * live region: successes are polite and fade, errors are alerts and stay. `clear()` is for the
 * start of the next action, so an old error never sits beside a new attempt.
 */
export function useToast(): {
  success(text: string, action?: ToastAction): void;
  error(text: string): void;
  clear(): void;
  region: ReactNode;
} {
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  const next = useRef(0);

  const push = useCallback((tone: Tone, text: string, action?: ToastAction) => {
    next.current += 1;
    const message = { id: next.current, tone, text: asSentence(text), action };
    setMessages((current) => [...current.filter((m) => m.tone !== 'error'), message].slice(-3));
  }, []);
  const dismiss = useCallback(
    (id: number) => setMessages((current) => current.filter((m) => m.id !== id)),
    [],
  );
  const clear = useCallback(() => setMessages([]), []);
  const success = useCallback((text: string, action?: ToastAction) => push('success', text, action), [push]);
  const error = useCallback((text: string) => push('error', text), [push]);

  const region = (
    <div className="toasts">
      <div role="status" aria-live="polite">
        {messages
          .filter((m) => m.tone === 'success')
          .map((m) => (
            <Toast key={m.id} message={m} onDismiss={dismiss} />
          ))}
      </div>
      {/* An element with role alert is announced when it appears, so each error carries its own. */}
      {messages
        .filter((m) => m.tone === 'error')
        .map((m) => (
          <Toast key={m.id} message={m} onDismiss={dismiss} />
        ))}
    </div>
  );
  return { success, error, clear, region };
}

function Toast({ message, onDismiss }: { message: ToastMessage; onDismiss(id: number): void }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (message.tone !== 'success') return;
    const timer = setTimeout(() => onDismiss(message.id), SUCCESS_MS);
    return () => clearTimeout(timer);
  }, [message, onDismiss]);
  return (
    <div className={`toast toast-${message.tone}`} role={message.tone === 'error' ? 'alert' : undefined}>
      <span>{message.text}</span>
      {message.action && (
        <button
          type="button"
          onClick={() => {
            onDismiss(message.id);
            message.action!.onClick();
          }}
        >
          {message.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label={t('common.dismiss')}
        onClick={() => onDismiss(message.id)}
      >
        ×
      </button>
    </div>
  );
}
