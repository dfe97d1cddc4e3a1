import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { SuggestReplyButton } from '../components/SuggestReplyButton';

const ticketId = '20000000-0000-4000-8000-000000000008';

describe('Suggest reply', () => {
  it('hands the draft to the editor with links to the articles it cites, and sends nothing', async () => {
    const calls = mockApi([
      [
        'POST',
        /\/assist\/reply$/,
        {
          body: {
            text: 'Refunds reach your card within 10 days [1].',
            citedArticles: [
              {
                id: 'a1',
                title: 'Refunds to your card',
                url: 'https://help.example.com/help/en/articles/refunds',
              },
            ],
          },
        },
      ],
    ]);
    const onSuggestion = jest.fn();
    renderWithProviders(<SuggestReplyButton ticketId={ticketId} onSuggestion={onSuggestion} />);
    await userEvent.click(screen.getByRole('button', { name: 'Suggest reply' }));
    await waitFor(() => expect(onSuggestion).toHaveBeenCalledTimes(1));
    expect(onSuggestion).toHaveBeenCalledWith(
      'Refunds reach your card within 10 days [1].\n\n[1] Refunds to your card: https://help.example.com/help/en/articles/refunds',
    );
    expect(calls.map((c) => c.url)).toEqual([`/api/tickets/${ticketId}/assist/reply`]);
  });

  it('shows the reason when assist is turned off for the team', async () => {
    mockApi([
      [
        'POST',
        /\/assist\/reply$/,
        {
          status: 403,
          body: {
            statusCode: 403,
            error: 'Forbidden',
            message: "AI assist is turned off for this ticket's team",
          },
        },
      ],
    ]);
    const onSuggestion = jest.fn();
    renderWithProviders(<SuggestReplyButton ticketId={ticketId} onSuggestion={onSuggestion} />);
    await userEvent.click(screen.getByRole('button', { name: 'Suggest reply' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/turned off for this ticket's team/);
    expect(onSuggestion).not.toHaveBeenCalled();
  });
});
