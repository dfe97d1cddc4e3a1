import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Input, TextArea } from '../Input';

function EmailField() {
  const [value, setValue] = useState('');
  return (
    <Input
      label="Email"
      type="email"
      value={value}
      onChange={(event) => setValue(event.target.value)}
      hint="The address customers write to."
      error={value && !value.includes('@') ? 'That is not an email address.' : null}
    />
  );
}

describe('Input', () => {
  it('is found by its label; a wrong value marks it invalid and the error is read with it', async () => {
    render(<EmailField />);
    const input = screen.getByRole('textbox', { name: 'Email' });
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(input.getAttribute('aria-describedby')).toBe(
      screen.getByText('The address customers write to.').id,
    );

    await userEvent.type(input, 'nobody');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = screen.getByRole('alert');
    expect(error.textContent).toBe('That is not an email address.');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);

    await userEvent.type(input, '@example.com');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('keeps a hidden label for screen readers when the layout shows none', () => {
    render(<Input label="Search tickets" hideLabel />);
    expect(screen.getByRole('textbox', { name: 'Search tickets' })).toBeTruthy();
    expect(screen.getByText('Search tickets').className).toBe('visually-hidden');
  });
});

describe('TextArea', () => {
  it('is a labelled multi-line box with its error', () => {
    render(<TextArea label="Body" defaultValue="" error="A reply needs a body." rows={4} />);
    const box = screen.getByRole('textbox', { name: 'Body' });
    expect(box.tagName).toBe('TEXTAREA');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('A reply needs a body.');
  });
});
