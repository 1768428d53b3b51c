import type { ReactNode } from 'react';
import { LabelledInput } from './labelled-input.tsx';

/**
 * A required password field held in state. `purpose` becomes the `autoComplete` hint, which is
 * what lets a password manager fill in the saved password (`current`) or offer a new one (`new`).
 */
export function PasswordInput(props: {
  label: ReactNode;
  purpose: 'current' | 'new';
  value: string;
  onValue(value: string): void;
  /** A line of advice under the field (the rule a new password must follow). */
  help?: ReactNode;
}) {
  const { purpose, ...field } = props;
  return <LabelledInput {...field} type="password" autoComplete={`${purpose}-password`} required />;
}
