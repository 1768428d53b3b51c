import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * The frame of a form that saves an intake rule (the rule editor, the one-step service mapping):
 * its title, what picks the rows (`children`), then the rule's actions, the refusal, and the
 * submit and Cancel buttons.
 */
export function RuleForm({
  title,
  submitLabel,
  onSubmit,
  onCancel,
  saving,
  error,
  actions,
  children,
}: {
  /** The heading, which also names the form. */
  title: string;
  submitLabel: string;
  onSubmit(): void;
  onCancel(): void;
  /** Disables the submit button while the request runs. */
  saving: boolean;
  error: string | null;
  /** The rule's actions, shown under "then" (`ActionFields`). */
  actions: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      className="rule-editor"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2>{title}</h2>
      {children}
      <fieldset>
        <legend>{t('rules.editor.then')}</legend>
        {actions}
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('rules.editor.cancel')}
        </button>
      </div>
    </form>
  );
}
