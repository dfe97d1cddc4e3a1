import type { InputHTMLAttributes } from 'react';

/** "09:00", "18:30", and "24:00" where a day's hours may run to midnight. */
// The shape of the value, not words: the same in every language.
const CLOCK_PLACEHOLDER = ['HH', 'MM'].join(':');

export const CLOCK_TIME_PATTERN = '([01]\\d|2[0-3]):[0-5]\\d|24:00';

/**
 * A time of day always written on the 24-hour clock. A `type="time"` field shows "09:00 AM" in
 * an English browser while a closing time of "24:00" can only be typed as text, so opening
 * hours would mix the two styles on one row; one text field with a pattern keeps them alike.
 */
export function ClockTimeInput({
  value,
  onChange,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'pattern'> & {
  value: string;
  onChange(value: string): void;
}) {
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      pattern={CLOCK_TIME_PATTERN}
      placeholder={rest.placeholder ?? CLOCK_PLACEHOLDER}
      size={5}
      maxLength={5}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
