import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SavedViewView } from '@switchboard/contracts';
import { agent, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { DEFAULT_FILTERS } from '../../../lib/ticket-filters';
import { QueueSidebar } from '../components/QueueSidebar';

const counts = { mine: 2, unassigned: 3, all: 5, teams: {}, pending: 4, onHold: 1, solved: 9, mentions: 2 };
const mine: SavedViewView = {
  id: 'v-mine',
  name: 'My urgent',
  shared: false,
  ownerId: agent.id,
  filters: { priority: 'urgent' },
  sort: 'updated',
  count: 3,
  editable: true,
};
const theirs: SavedViewView = {
  ...mine,
  id: 'v-theirs',
  name: 'Team backlog',
  shared: true,
  ownerId: 'sam',
  editable: false,
};

function renderSidebar(active: string, onSelect = jest.fn()) {
  renderWithProviders(
    <QueueSidebar
      me={agent}
      active={active as never}
      onSelect={onSelect}
      teamName={() => 'Billing'}
      filters={DEFAULT_FILTERS}
      onSelectView={() => undefined}
    />,
  );
  return onSelect;
}

describe('renaming and deleting saved views from the sidebar', () => {
  it('renames an own view from its ⋯ menu; a shared view of someone else has no menu', async () => {
    let views = [mine, theirs];
    const calls = mockApi([
      ['GET', /\/api\/queues\/counts/, { body: counts }],
      ['GET', /^\/api\/views$/, () => ({ body: { items: views } })],
      [
        'PATCH',
        /^\/api\/views\/v-mine$/,
        (call) => {
          views = [{ ...mine, name: (call.body as { name: string }).name }, theirs];
          return { body: views[0] };
        },
      ],
    ]);
    renderSidebar('mine');
    const list = within(await screen.findByRole('list', { name: 'Saved views' }));
    await list.findByRole('button', { name: /^My urgent\s*3$/ });
    expect(list.queryByRole('button', { name: 'Actions for view Team backlog' })).toBeNull();

    await userEvent.click(list.getByRole('button', { name: 'Actions for view My urgent' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Rename' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Rename the view My urgent' }));
    const field = dialog.getByRole('textbox', { name: 'View name' });
    await userEvent.clear(field);
    await userEvent.click(dialog.getByRole('button', { name: 'Rename' }));
    expect(dialog.getByRole('alert').textContent).toBe('A view needs a name.');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await userEvent.type(field, 'Urgent, mine');
    await userEvent.click(dialog.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ name: 'Urgent, mine' });
    await list.findByRole('button', { name: /^Urgent, mine\s*3$/ });
  });

  it('deletes the open view after asking, and goes back to Mine', async () => {
    let views = [mine];
    const calls = mockApi([
      ['GET', /\/api\/queues\/counts/, { body: counts }],
      ['GET', /^\/api\/views$/, () => ({ body: { items: views } })],
      [
        'DELETE',
        /^\/api\/views\/v-mine$/,
        () => {
          views = [];
          return { status: 204 };
        },
      ],
    ]);
    const onSelect = renderSidebar('view:v-mine');
    const list = within(await screen.findByRole('list', { name: 'Saved views' }));
    await userEvent.click(await list.findByRole('button', { name: 'Actions for view My urgent' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete the view My urgent?' }));
    // Cancel keeps it.
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await userEvent.click(list.getByRole('button', { name: 'Actions for view My urgent' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await userEvent.click(
      within(screen.getByRole('dialog', { name: 'Delete the view My urgent?' })).getByRole('button', {
        name: 'Delete',
      }),
    );
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    await waitFor(() => expect(list.queryByRole('button', { name: /My urgent/ })).toBeNull());
    expect(onSelect).toHaveBeenCalledWith('mine');
  });
});
