import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Checkbox, Radio } from '../Choice';

describe('Checkbox and Radio', () => {
  it('a checkbox is toggled by its words, and its hint is read with it', async () => {
    const onChange = jest.fn();
    render(
      <Checkbox
        label="Assign on reply"
        hint="Replying to an unassigned ticket takes it."
        onChange={(e) => onChange(e.target.checked)}
      />,
    );
    const box = screen.getByRole('checkbox', { name: 'Assign on reply' });
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Replying to an unassigned ticket takes it.',
    );
    await userEvent.click(screen.getByText('Assign on reply'));
    expect(onChange).toHaveBeenCalledWith(true);
  });

  it('radios of one name are one choice', async () => {
    render(
      <fieldset>
        <Radio name="target" label="Back to the queue" defaultChecked />
        <Radio name="target" label="To another agent" />
      </fieldset>,
    );
    await userEvent.click(screen.getByText('To another agent'));
    expect((screen.getByRole('radio', { name: 'To another agent' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Back to the queue' }) as HTMLInputElement).checked).toBe(
      false,
    );
  });
});
