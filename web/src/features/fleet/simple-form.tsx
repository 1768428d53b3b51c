import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { saveResource } from '../../api/use-resource-list.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * What a fleet form is given by its list: the row being edited (null = a create form), and what to
 * do after. The form hands them to its {@link SimpleForm} as they are.
 */
export interface EditProps<T> {
  editing: T | null;
  onSaved(): void;
  onCancel(): void;
}

/**
 * A small create-or-edit form: fields are children, `body()` builds the request from them.
 * Creating POSTs to `path`; editing PATCHes `path/:id` and offers Cancel. The server's message
 * (which names the bad field) is shown as it is.
 */
export function SimpleForm(props: {
  /** The create button's text, and the form's name while it creates. */
  label: string;
  /** The collection, such as `/vehicles`. */
  path: string;
  /** The row being changed; absent or null for a create form. */
  editing?: { id: string; name: string } | null;
  body(): unknown;
  onSaved(): void;
  onCancel?(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const editing = props.editing ?? null;

  // The form sits below a table that may be long: bring it to the dispatcher who clicked Edit.
  const isEdit = editing !== null;
  useEffect(() => {
    if (!isEdit) return;
    form.current?.scrollIntoView?.({ block: 'nearest' });
    form.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, [isEdit]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await saveResource(props.path, editing?.id, props.body());
      props.onSaved();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={form}
      className={editing ? 'inline-form editing' : 'inline-form'}
      onSubmit={submit}
      aria-label={editing ? t('fleet.editing', { name: editing.name }) : props.label}
    >
      {editing && <strong>{t('fleet.editing', { name: editing.name })}</strong>}
      {props.children}
      <button type="submit" disabled={busy}>
        {editing ? t('fleet.saveChanges') : props.label}
      </button>
      {editing && (
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
          {t('common.fixAndRetry')}
        </p>
      )}
    </form>
  );
}
