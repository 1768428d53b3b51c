import type { ComponentProps } from 'react';
import { ValueInput, type ValueInputProps } from '../../components/labelled-input.tsx';
import { SettingField } from './setting-field.tsx';

/** The props of {@link SettingInput}: those of its {@link SettingField} (but `children`) and of its input. */
export type SettingInputProps = Omit<ComponentProps<typeof SettingField>, 'children'> & ValueInputProps;

/** A {@link SettingField} holding one input, which carries the `id` its label points at. */
export function SettingInput({ label, hint, error, wide, ...input }: SettingInputProps) {
  return (
    <SettingField id={input.id} label={label} hint={hint} error={error} wide={wide}>
      <ValueInput {...input} />
    </SettingField>
  );
}
