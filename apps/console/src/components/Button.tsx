import type { ComponentPropsWithRef } from 'react';

type Variant = 'default' | 'primary' | 'danger';

interface Props extends ComponentPropsWithRef<'button'> {
  variant?: Variant;
}

/**
 * The console's one button: `type="button"` unless told otherwise (so it never submits a form
 * by accident), its look from the design tokens, and a 44 px touch target on phones (styles.css).
 */
export function Button({ variant = 'default', type = 'button', className, ...rest }: Props) {
  const classes = ['btn', variant === 'default' ? null : variant, className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}
