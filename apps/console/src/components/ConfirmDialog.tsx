import { useTranslation } from '../i18n';
import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { asSentence } from './as-sentence';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface ConfirmOptions {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Destructive actions show a red confirm button. */
  danger?: boolean;
}

interface Props extends ConfirmOptions {
  /** Extra fields that shape the action (e.g. who takes over the tickets). */
  children?: ReactNode;
  /** The action; a rejection shows its message inside the dialog, which stays open. */
  onConfirm(): Promise<unknown> | void;
  onCancel(): void;
}

/**
 * An accessible "are you sure?" in place of `window.confirm`: a modal dialog with a title, the
 * consequence in words, Cancel first (it has the focus, so Enter does not destroy anything),
 * and the error in the dialog when the action fails.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  danger,
  children,
  onConfirm,
  onCancel,
}: Props) {
  const descriptionId = useId();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (cause) {
      setError(asSentence(cause instanceof Error ? cause.message : t('common.didNotWork')));
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onCancel} describedBy={descriptionId}>
      <div className="stack confirm-dialog">
        <div id={descriptionId}>{message}</div>
        {children}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <Button onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={() => void confirm()} disabled={busy}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

/**
 * `await confirm({...})` resolves true or false like `window.confirm`, with the dialog rendered
 * where the caller puts `dialog`.
 */
export function useConfirm(): { confirm(options: ConfirmOptions): Promise<boolean>; dialog: ReactNode } {
  const [pending, setPending] = useState<ConfirmOptions | null>(null);
  const settle = useRef<((answer: boolean) => void) | null>(null);

  const confirm = useCallback((options: ConfirmOptions) => {
    settle.current?.(false);
    setPending(options);
    return new Promise<boolean>((resolve) => {
      settle.current = resolve;
    });
  }, []);

  const answer = (value: boolean) => {
    settle.current?.(value);
    settle.current = null;
    setPending(null);
  };

  const dialog = pending ? (
    <ConfirmDialog {...pending} onConfirm={() => answer(true)} onCancel={() => answer(false)} />
  ) : null;
  return { confirm, dialog };
}
