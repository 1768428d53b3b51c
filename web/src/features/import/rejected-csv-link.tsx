import { useState } from 'react';
import { initialLocale, useI18n } from '../../i18n/i18n.tsx';

/**
 * The rejected rows' CSV. Fetched with the app's language (a plain link would send the
 * browser's), so its `error` column and row words come in the language the screen is in.
 */
export function RejectedCsvLink({ href }: { href: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    try {
      const res = await fetch(href, { headers: { 'accept-language': initialLocale() }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(((await res.json().catch(() => null))?.error?.message as string) ?? res.statusText);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'rejected.csv';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <>
      <a
        href={href}
        download
        onClick={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        {t('import.downloadRejected')}
      </a>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
