import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Select } from '../Select';

describe('Select', () => {
  it('is a labelled picker whose choice reaches the caller', async () => {
    const onChange = jest.fn();
    render(
      <Select
        label="Role"
        defaultValue="agent"
        onChange={(event) => onChange(event.target.value)}
        options={[
          { value: 'agent', label: 'Agent' },
          { value: 'supervisor', label: 'Supervisor' },
          { value: 'admin', label: 'Admin', disabled: true },
        ]}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Role' });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Agent', 'Supervisor', 'Admin']);
    await userEvent.selectOptions(select, 'supervisor');
    expect(onChange).toHaveBeenCalledWith('supervisor');
    expect((screen.getByRole('option', { name: 'Admin' }) as HTMLOptionElement).disabled).toBe(true);
  });

  it('shows its error and marks itself invalid', () => {
    render(<Select label="Team" error="Pick a team." options={[{ value: '', label: '—' }]} />);
    expect(screen.getByRole('combobox', { name: 'Team' }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Pick a team.');
  });
});
