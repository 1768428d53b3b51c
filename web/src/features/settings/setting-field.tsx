import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { FieldError } from './field-errors.tsx';

/**
 * One labelled input of a settings form, with its hint and, after a refused save, the server's
 * message for it right below. The message sits outside the label so the input's name stays its label.
 */
export function SettingField(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Twice as wide, for addresses. @default false */
  wide?: boolean;
  children: ReactNode;
}) {
  const classes = ['setting', props.wide && 'wide', props.error && 'invalid'].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint && <small className="hint">{props.hint}</small>}
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

/** The Save button of a settings form, with "Saved" after success and the error that names no field. */
export function SaveBar(props: { busy: boolean; saved: boolean; error: string | null; label?: string }) {
  const { t } = useI18n();
  return (
    <div className="save-bar">
      <button type="submit" disabled={props.busy}>
        {props.label ?? t('settings.save')}
      </button>
      {props.saved && (
        <span role="status" className="saved">
          {t('settings.saved')}
        </span>
      )}
      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
    </div>
  );
}
