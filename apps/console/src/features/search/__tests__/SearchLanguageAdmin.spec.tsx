import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { SearchLanguageAdmin } from '../components/SearchLanguageAdmin';

describe('the search language setting', () => {
  it('shows the workspace language, saves a new one at once and says older tickets are being re-indexed', async () => {
    let language = 'en';
    let reindexing = false;
    const calls = mockApi([
      [
        'GET',
        /^\/api\/admin\/settings\/search-language$/,
        () => ({ body: { language, configuration: 'x', stemmed: true, reindexing } }),
      ],
      [
        'PUT',
        /^\/api\/admin\/settings\/search-language$/,
        (call) => {
          language = (call.body as { language: string }).language;
          reindexing = true;
          return { body: { language, configuration: 'x', stemmed: true, reindexing } };
        },
      ],
    ]);
    renderWithProviders(<SearchLanguageAdmin />);
    const select = await screen.findByLabelText('Language of your tickets');
    await waitFor(() => expect((select as HTMLSelectElement).value).toBe('en'));
    expect(screen.getByRole('option', { name: 'German' })).toBeTruthy();

    await userEvent.selectOptions(select, 'German');
    await screen.findByText('Re-indexing older tickets in German…');
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([{ language: 'de' }]);
  });
});
