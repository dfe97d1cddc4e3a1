import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { agent, colleague, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import type { ComposerKind } from '../api/composer-api';
import { Composer } from '../components/Composer';
import { matchColleagues, mentionQueryAt } from '../hooks/useMentionAutocomplete';

const ticket = { ...makeTicket({ number: 1042 }), contact: { id: 'c1', name: 'Carla Marquez' } };
const dora = {
  id: '00000000-0000-4000-8000-000000000003',
  email: 'dora@example.com',
  name: 'Dora Diaz',
  role: 'agent' as const,
  teamIds: [],
};

function Harness() {
  const [kind, setKind] = useState<ComposerKind>('note');
  return <Composer ticket={ticket} entries={[]} kind={kind} onKindChange={setKind} />;
}

function api() {
  return mockApi([
    ['GET', /\/api\/users$/, { body: { items: [agent, colleague, dora] } }],
    [
      'POST',
      /\/messages$/,
      (call) => ({
        status: 201,
        body: {
          id: 'n1',
          ticketId: ticket.id,
          direction: 'out',
          kind: 'note',
          channel: 'email',
          authorId: agent.id,
          authorName: agent.name,
          text: (call.body as { body: string }).body,
          html: null,
          deliveryState: null,
          deliveryError: null,
          externalId: null,
          createdAt: new Date().toISOString(),
        },
      }),
    ],
  ]);
}

describe('@mention autocomplete in notes', () => {
  it('offers colleagues as the agent types "@", and Enter inserts the full name', async () => {
    const calls = api();
    renderWithProviders(<Harness />);
    const box = screen.getByLabelText('Internal note', { selector: 'textarea' }) as HTMLTextAreaElement;
    await userEvent.type(box, 'Please check @be');
    const list = await screen.findByRole('listbox', { name: 'Mention a colleague' });
    expect(list.textContent).toContain('Ben Colleague');
    expect(list.textContent).not.toContain('Ana Agent');
    expect(box.getAttribute('aria-activedescendant')).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    expect(box.value).toBe('Please check @Ben Colleague ');
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.type(box, 'thanks');
    await userEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'note',
        body: 'Please check @Ben Colleague thanks',
      }),
    );
  });

  it('moves through suggestions with the arrows, picks with the mouse, and Escape closes the list', async () => {
    api();
    renderWithProviders(<Harness />);
    const box = screen.getByLabelText('Internal note', { selector: 'textarea' }) as HTMLTextAreaElement;
    await userEvent.type(box, '@');
    await screen.findByRole('option', { name: /Dora Diaz/ });
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('option', { name: /Dora Diaz/ }).getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.type(box, ' and @d');
    await userEvent.click(await screen.findByRole('option', { name: /Dora Diaz/ }));
    expect(box.value).toBe('@ and @Dora Diaz ');
  });

  it('leaves one space after a mention picked in the middle of a sentence', async () => {
    api();
    renderWithProviders(<Harness />);
    const box = screen.getByLabelText('Internal note', { selector: 'textarea' }) as HTMLTextAreaElement;
    await userEvent.type(box, 'Ask  to check');
    box.setSelectionRange(4, 4);
    await userEvent.type(box, '@be', { initialSelectionStart: 4, initialSelectionEnd: 4 });
    await screen.findByRole('option', { name: /Ben Colleague/ });
    await userEvent.keyboard('{Enter}');
    expect(box.value).toBe('Ask @Ben Colleague to check');
  });

  it('a space typed right after a picked mention does not double it', async () => {
    api();
    renderWithProviders(<Harness />);
    const box = screen.getByLabelText('Internal note', { selector: 'textarea' }) as HTMLTextAreaElement;
    await userEvent.type(box, 'cc @be');
    await screen.findByRole('option', { name: /Ben Colleague/ });
    await userEvent.keyboard('{Enter}');
    await userEvent.type(box, ' please');
    expect(box.value).toBe('cc @Ben Colleague please');
  });

  it('is not offered in replies to the customer', async () => {
    api();
    renderWithProviders(<Harness />);
    await userEvent.click(screen.getByRole('tab', { name: 'Reply' }));
    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'Hi @be');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it.each([
    ['hello @be', 9, { start: 6, query: 'be' }],
    ['@', 1, { start: 0, query: '' }],
    ['mail me at carla@ex', 19, null],
    ['@ben done', 9, null],
  ])('mentionQueryAt(%j, %i)', (text, caret, expected) => {
    expect(mentionQueryAt(text, caret)).toEqual(expected);
  });

  it('matches first names, later words and emails, never myself', () => {
    const users = [agent, colleague, dora];
    expect(matchColleagues(users, 'col', agent.id).map((u) => u.name)).toEqual(['Ben Colleague']);
    expect(matchColleagues(users, 'dora@', agent.id).map((u) => u.name)).toEqual(['Dora Diaz']);
    expect(matchColleagues(users, 'ana', agent.id)).toEqual([]);
  });
});
