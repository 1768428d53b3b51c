import type { ComponentProps, ReactNode } from 'react';

/** The props of {@link LabelledInput}: those of an `<input>` but `onChange`, and these. */
export interface LabelledInputProps extends Omit<ComponentProps<'input'>, 'onChange'> {
  /** The words shown before the input; they name it for screen readers too. */
  label: ReactNode;
  /** A line of advice under the input (a rule the value must follow, where to find it). */
  help?: ReactNode;
  /**
   * Called with the new text on every change, for a field held in state. Leave it out for a field
   * the form reads by `name` when it is sent.
   */
  onValue?(value: string): void;
}

/**
 * An input wrapped in its label, so clicking the words focuses it and no `id`/`htmlFor` pair is
 * needed, with an optional line of advice under it.
 */
export function LabelledInput({ label, help, onValue, ...input }: LabelledInputProps) {
  return (
    <label>
      {label}
      <input {...input} onChange={onValue && ((e) => onValue(e.target.value))} />
      {help && <small>{help}</small>}
    </label>
  );
}
