import { createRoot } from 'react-dom/client';
import { ConfirmDialog, type ConfirmOptions } from './ConfirmDialog';

/**
 * `if (await confirmAction({...}))`: the ConfirmDialog as a drop-in for `window.confirm`, for a
 * component that has no place in its markup for a dialog (a table row). The dialog gets a root
 * of its own on the page and is removed when answered; focus returns where it was.
 */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  return new Promise<boolean>((resolve) => {
    const answer = (value: boolean) => {
      root.unmount();
      host.remove();
      resolve(value);
    };
    root.render(<ConfirmDialog {...options} onConfirm={() => answer(true)} onCancel={() => answer(false)} />);
  });
}
