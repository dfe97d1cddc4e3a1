import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { Composer } from '../../composer/components/Composer';

const ticket = {
  ...makeTicket({ number: 1043, subject: 'Refund' }),
  contact: { id: 'c2', name: 'Carla Marquez' },
};

const draft = (kind: 'reply' | 'note', assist: boolean) => (
  <Composer ticket={ticket} entries={[]} kind={kind} onKindChange={() => undefined} assist={assist} />
);

describe('Suggest reply in the composer', () => {
  it('inserts the draft with its article links into the editor, where the agent edits it; nothing is sent', async () => {
    const calls = mockApi([
      [
        'POST',
        /\/assist\/reply$/,
        {
          body: {
            text: 'Hello Carla, refunds take up to 10 days [1].',
            citedArticles: [
              { id: 'a1', title: 'Refunds', url: 'https://help.example.com/help/en/articles/refunds' },
            ],
          },
        },
      ],
    ]);
    renderWithProviders(draft('reply', true));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Suggest reply' }));
    const editor = screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement;
    await waitFor(() =>
      expect(editor.value).toBe(
        'Hello Carla, refunds take up to 10 days [1].\n\n[1] Refunds: https://help.example.com/help/en/articles/refunds',
      ),
    );
    expect(calls.filter((c) => /\/messages$/.test(c.url))).toHaveLength(0);
  });

  it('is not offered for internal notes, nor while assist is off', () => {
    mockApi([]);
    const { unmount } = renderWithProviders(draft('note', true));
    expect(screen.queryByRole('button', { name: 'Suggest reply' })).toBeNull();
    unmount();
    renderWithProviders(draft('reply', false));
    expect(screen.queryByRole('button', { name: 'Suggest reply' })).toBeNull();
  });
});
