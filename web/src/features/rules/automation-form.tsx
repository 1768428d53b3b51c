import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** A titled form of the automation screens (a plan schedule, a recurring order's template). */
export function AutomationForm({
  title,
  onSubmit,
  children,
}: {
  /** The heading, which also names the form ("Add schedule", "Change R-12"). */
  title: string;
  onSubmit(e: FormEvent<HTMLFormElement>): void;
  children: ReactNode;
}) {
  return (
    <form className="automation-form" aria-label={title} onSubmit={onSubmit}>
      <h3>{title}</h3>
      {children}
    </form>
  );
}

/**
 * The last line of an automation form: its submit button, Cancel while an item is edited, what
 * the save did (`children`), and a refusal that names no field (those show under their input).
 */
export function SaveRow({
  label,
  ready,
  save,
  onCancel,
  children,
}: {
  /** The submit button's words. */
  label: string;
  /** False while the form lacks what it needs (the submit button is then disabled). */
  ready: boolean;
  /** The form's request state (`useSave`): busy while it runs, the refusal after it. */
  save: { busy: boolean; errors: { general: string | null } };
  /** Given while an item is edited: leaves editing without saving. */
  onCancel?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="save">
      <button type="submit" disabled={save.busy || !ready}>
        {label}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('schedules.cancel')}
        </button>
      )}
      {children}
      {save.errors.general && (
        <span className="field-error" role="alert">
          {save.errors.general}
        </span>
      )}
    </div>
  );
}
