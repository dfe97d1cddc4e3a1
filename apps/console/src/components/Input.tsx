import { useId, type ComponentPropsWithRef, type ElementType, type ReactNode } from 'react';

interface FieldProps {
  /** What the field asks for; always rendered as its label (hidden visually when `hideLabel`). */
  label: ReactNode;
  /** Why the value is not accepted; shown under the field and announced with it. */
  error?: string | null;
  /** A short help line under the field. */
  hint?: ReactNode;
  hideLabel?: boolean;
  /** Class on the wrapper, for layout (the control keeps the console's look). */
  className?: string;
}

type ControlProps<E extends 'input' | 'textarea'> = FieldProps & Omit<ComponentPropsWithRef<E>, 'className'>;
type InputProps = ControlProps<'input'>;
type TextAreaProps = ControlProps<'textarea'>;

const idOf = (base: string, part: string) => [base, part].join('-');

/**
 * The ids and ARIA that tie a control to its label, hint and error, so a screen reader reads
 * all three and a wrong value is marked invalid (not only red).
 */
export function useFieldIds(id: string | undefined, hint: ReactNode, error: string | null | undefined) {
  const generated = useId();
  const controlId = id ?? idOf(generated, 'control');
  const hintId = hint ? idOf(controlId, 'hint') : undefined;
  const errorId = error ? idOf(controlId, 'error') : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { controlId, hintId, errorId, describedBy, invalid: error ? true : undefined };
}

/** Label, hint and error around any control; used by Input, TextArea and Select. */
export function Field({
  label,
  hideLabel,
  hint,
  error,
  className,
  ids,
  children,
}: FieldProps & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={ids.controlId} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      {children}
      {hint && (
        <span id={ids.hintId} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={ids.errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * Input and TextArea are the same field around a different element: the element gets its id,
 * the console's look and the ARIA from useFieldIds, then the caller's props, which win (a form
 * may point aria-describedby at its own help text).
 */
function TextControl<E extends 'input' | 'textarea'>({
  element,
  label,
  hideLabel,
  hint,
  error,
  className,
  id,
  ...rest
}: ControlProps<E> & { element: E }) {
  const ids = useFieldIds(id, hint, error);
  const Element = element as ElementType;
  return (
    <Field label={label} hideLabel={hideLabel} hint={hint} error={error} className={className} ids={ids}>
      <Element
        id={ids.controlId}
        className="input"
        aria-invalid={ids.invalid}
        aria-describedby={ids.describedBy}
        {...rest}
      />
    </Field>
  );
}

/** The console's one text input: a visible label, an optional hint, and an error tied to it. */
export function Input(props: InputProps) {
  return <TextControl element="input" {...props} />;
}

/** The multi-line form of Input, for messages and templates. */
export function TextArea(props: TextAreaProps) {
  return <TextControl element="textarea" {...props} />;
}
