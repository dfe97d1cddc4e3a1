import type { ComponentPropsWithRef, ReactNode } from 'react';
import { Field, useFieldIds } from './Input';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

type SelectProps = {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  hideLabel?: boolean;
  className?: string;
  /** The choices; `children` (e.g. option groups) may be given instead. */
  options?: SelectOption[];
  children?: ReactNode;
} & Omit<ComponentPropsWithRef<'select'>, 'className' | 'children'>;

/**
 * The console's one picker: a native select (keyboard, screen readers and phones already know
 * it) with the same label, hint and error as Input.
 */
export function Select({
  label,
  hideLabel,
  hint,
  error,
  className,
  id,
  options,
  children,
  ...rest
}: SelectProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <Field label={label} hideLabel={hideLabel} hint={hint} error={error} className={className} ids={ids}>
      <select
        id={ids.controlId}
        className="input"
        aria-invalid={ids.invalid}
        aria-describedby={ids.describedBy}
        {...rest}
      >
        {options?.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
    </Field>
  );
}
