import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { asSentence } from '../as-sentence';
import { ConfirmDialog } from '../ConfirmDialog';

function Harness({ onConfirm }: { onConfirm(): Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Delete reply
      </button>
      {open && (
        <ConfirmDialog
          title="Delete the reply?"
          message="Agents can no longer insert it."
          confirmLabel="Delete"
          danger
          onCancel={() => setOpen(false)}
          onConfirm={async () => {
            await onConfirm();
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

describe('ConfirmDialog', () => {
  it('is a labelled modal dialog; Escape cancels and the focus returns to the button that opened it', async () => {
    const onConfirm = jest.fn(async () => undefined);
    render(<Harness onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Delete reply' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Delete the reply?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Agents can no longer insert it.',
    );
    // The safe answer has the focus.
    expect(document.activeElement?.textContent).toBe('Cancel');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
  });

  it('shows why the action failed as a sentence inside the dialog, which stays open', async () => {
    render(
      <Harness onConfirm={async () => Promise.reject(new Error('id: the reply is in use by a rule'))} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete reply' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the reply?' });
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The reply is in use by a rule.');
    expect(dialog.isConnected).toBe(true);
  });

  it.each([
    [
      'reassignToAgentId: Dora is disabled; choose an active agent',
      'Dora is disabled; choose an active agent.',
    ],
    [
      'the last active admin cannot be disabled or demoted',
      'The last active admin cannot be disabled or demoted.',
    ],
    ['Already a sentence.', 'Already a sentence.'],
  ])('turns the API message %j into a sentence', (message, sentence) => {
    expect(asSentence(message)).toBe(sentence);
  });
});
