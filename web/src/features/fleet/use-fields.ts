import { useState } from 'react';

/**
 * A form's text fields, held as the strings inputs give: forms turn them into numbers or nulls
 * only when they build the request, so a half-typed "45," is not lost on the way.
 */
export function useFields<T extends Record<string, string>>(initial: T | (() => T)) {
  const [values, setValues] = useState(initial);
  /** `value` and `onChange` of one field, to spread on an input, a select or a `NamedSelect`. */
  const bind = (key: keyof T) => ({
    value: values[key],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value })),
  });
  return { values, bind };
}
