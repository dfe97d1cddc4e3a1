import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { insertArticleLink } from '../components/ArticleLinkPicker';
import { KbArticleEditor } from '../components/KbArticleEditor';

describe('knowledge base editor', () => {
  it('previews the Markdown as the help center will show it, with raw HTML as text', async () => {
    const saved: unknown[] = [];
    render(
      <QueryClientProvider client={new QueryClient()}>
        <KbArticleEditor busy={false} error={null} onSave={(d) => saved.push(d)} onCancel={() => undefined} />
      </QueryClientProvider>,
    );
    await userEvent.type(screen.getByLabelText('Title'), 'Returns');
    const body = screen.getByLabelText('Body (Markdown)');
    await userEvent.click(body);
    await userEvent.paste('Send it **back**.\n\n<img src=x onerror=alert(1)>');
    const preview = screen.getByRole('region', { name: 'Preview' });
    await waitFor(() => expect(preview.querySelector('strong')?.textContent).toBe('back'));
    expect(preview.querySelector('img')).toBeNull();
    expect(preview.textContent).toContain('<img src=x onerror=alert(1)>');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'published');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(saved).toEqual([
      {
        title: 'Returns',
        locale: 'en',
        status: 'published',
        body: 'Send it **back**.\n\n<img src=x onerror=alert(1)>',
      },
    ]);
  });

  it('an agent inserts an article link where the caret is', () => {
    const edit = insertArticleLink(
      { text: 'Hi! See  for details.', start: 8, end: 8 },
      { title: 'Returns [EU]', url: '/help/en/articles/returns' },
      'https://support.example',
    );
    expect(edit.text).toBe(
      'Hi! See [Returns EU](https://support.example/help/en/articles/returns) for details.',
    );
    expect(edit.start).toBe(edit.end);
    expect(edit.text.slice(0, edit.start).endsWith(')')).toBe(true);
  });
});
