import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { type PublishPreview, publishSentences } from './publish-text.ts';

/**
 * Asks before publishing a day, saying what will happen (routes sent to drivers, orders
 * dispatched, customers texted and emailed) from the server's preview of that day.
 */
export function PublishConfirm(props: { date: string; onConfirm(): void; onCancel(): void }) {
  const { t, locale } = useI18n();
  const [preview, setPreview] = useState<PublishPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<PublishPreview>(`/dispatch/publish/preview?date=${props.date}`)
      .then(setPreview)
      .catch((e: Error) => setError(e.message));
  }, [props.date]);

  return (
    <div role="dialog" aria-modal="true" aria-label={t('publish.title')} className="publish-confirm" style={PANEL}>
      <h3>{t('publish.title')}</h3>
      {preview && (
        <ul>
          {publishSentences(preview, locale, t).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div style={{ display: 'flex', gap: '0.5rem', justifyContent: 'flex-end' }}>
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" disabled={!preview || preview.routes === 0} onClick={props.onConfirm}>
          {t('publish.confirm')}
        </button>
      </div>
    </div>
  );
}

const PANEL = {
  position: 'fixed',
  top: '5rem',
  left: '50%',
  transform: 'translateX(-50%)',
  zIndex: 20,
  minWidth: '22rem',
  padding: '1rem 1.25rem',
  background: 'white',
  border: '1px solid #ccc',
  borderRadius: '8px',
  boxShadow: '0 8px 24px rgba(0,0,0,.2)',
} as const;
