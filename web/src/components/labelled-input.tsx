import type { ComponentProps, ReactNode } from 'react';

/** The props of {@link ValueInput}: those of an `<input>` but `onChange`, and `onValue`. */
export interface ValueInputProps extends Omit<ComponentProps<'input'>, 'onChange'> {
  /**
   * Called with the new text on every change, for a field held in state. Leave it out for a field
   * the form reads by `name` when it is sent.
   */
  onValue?(value: string): void;
}

/** The attributes of the `<input>` itself: `onValue` becomes the `onChange` that hands it the text. */
function inputAttributes({ onValue, ...input }: ValueInputProps): ComponentProps<'input'> {
  return { ...input, onChange: onValue && ((e) => onValue(e.target.value)) };
}

/** An input that hands its new text to `onValue` (`onValue={setName}`), for one whose label stands apart. */
export function ValueInput(props: ValueInputProps) {
  return <input {...inputAttributes(props)} />;
}

/** The props of {@link LabelledInput}: those of a {@link ValueInput}, and these. */
export interface LabelledInputProps extends ValueInputProps {
  /** The words shown before the input; they name it for screen readers too. */
  label: ReactNode;
  /** A line of advice under the input (a rule the value must follow, where to find it). */
  help?: ReactNode;
}

/**
 * An input wrapped in its label, so clicking the words focuses it and no `id`/`htmlFor` pair is
 * needed, with an optional line of advice under it.
 */
export function LabelledInput({ label, help, ...input }: LabelledInputProps) {
  return (
    <label>
      {label}
      <input {...inputAttributes(input)} />
      {help && <small>{help}</small>}
    </label>
  );
}
