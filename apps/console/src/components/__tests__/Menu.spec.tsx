import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Menu } from '../Menu';

function renderMenu() {
  const picked = jest.fn<(id: string) => void>();
  render(
    <>
      <Menu
        label="More actions"
        trigger="⋯"
        items={[
          { id: 'rename', label: 'Rename', onSelect: () => picked('rename') },
          { id: 'archive', label: 'Archive', disabled: true, onSelect: () => picked('archive') },
          { id: 'delete', label: 'Delete', danger: true, onSelect: () => picked('delete') },
        ]}
      />
      <button type="button">Elsewhere</button>
    </>,
  );
  return { picked, trigger: screen.getByRole('button', { name: 'More actions' }) };
}

describe('Menu', () => {
  it('is a menu button: closed, it says it has a menu; open, its items are menu items', async () => {
    const { trigger } = renderMenu();
    expect(trigger.getAttribute('aria-haspopup')).toBe('menu');
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();

    await userEvent.click(trigger);
    const menu = screen.getByRole('menu', { name: 'More actions' });
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(trigger.getAttribute('aria-controls')).toBe(menu.id);
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Rename',
      'Archive',
      'Delete',
    ]);
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Rename' }));
  });

  it('arrows skip disabled items and wrap; Enter picks and the focus returns to the trigger', async () => {
    const { picked, trigger } = renderMenu();
    trigger.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Rename' }));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete' }));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Rename' }));
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete' }));
    await userEvent.keyboard('{Home}');
    await userEvent.keyboard('{ArrowUp}');
    await userEvent.keyboard('{Enter}');
    expect(picked).toHaveBeenCalledWith('delete');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('Escape closes without picking; a click on a disabled item does nothing; Tab leaves it closed', async () => {
    const { picked, trigger } = renderMenu();
    await userEvent.click(trigger);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);

    await userEvent.click(trigger);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Archive' }));
    expect(picked).not.toHaveBeenCalled();

    screen.getByRole('menuitem', { name: 'Rename' }).focus();
    await userEvent.tab();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(picked).not.toHaveBeenCalled();
  });
});
