import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';

type ChoiceProps = {
  /** The words beside the box; clicking them toggles it. */
  label: ReactNode;
  /** A short help line under the choice, read with it by screen readers. */
  hint?: ReactNode;
} & Omit<ComponentPropsWithRef<'input'>, 'type' | 'className' | 'children'>;

function Choice({ type, label, hint, ...rest }: ChoiceProps & { type: 'checkbox' | 'radio' }) {
  const hintId = [useId(), 'hint'].join('-');
  const control = (
    <label className="checkbox">
      <input type={type} aria-describedby={hint ? hintId : undefined} {...rest} />
      {label}
    </label>
  );
  if (!hint) return control;
  return (
    <div className="field">
      {control}
      <span id={hintId} className="field-hint">
        {hint}
      </span>
    </div>
  );
}

/** The console's one checkbox: the box and its words in one label, an optional hint tied to it. */
export const Checkbox = (props: ChoiceProps) => <Choice type="checkbox" {...props} />;

/** One option of a choice of several (give the options one `name`), shaped as Checkbox. */
export const Radio = (props: ChoiceProps) => <Choice type="radio" {...props} />;
