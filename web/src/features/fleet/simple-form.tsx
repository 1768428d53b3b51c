import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * A small create form: fields are children, `body()` builds the request from them; the
 * server's message (which names the bad field) is shown as it is.
 */
export function SimpleForm(props: {
  label: string;
  path: string;
  body(): unknown;
  onCreated(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(props.path, { method: 'POST', body: JSON.stringify(props.body()) });
      props.onCreated();
      (e.target as HTMLFormElement).reset();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={props.label}>
      {props.children}
      <button type="submit" disabled={busy}>
        {props.label}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
          {t('common.fixAndRetry')}
        </p>
      )}
    </form>
  );
}
