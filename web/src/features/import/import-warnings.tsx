import type { ImportWarning } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * Rows imported (or that would be) which the fleet cannot serve as it is, with the server's
 * message (in the app's language: the request asked for it). Not errors: the rows are written.
 */
export function ImportWarnings({ warnings, truncated }: { warnings: ImportWarning[]; truncated?: boolean }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <>
      <table className="orders import-warnings" aria-label={t('import.warnings')}>
        <caption>{t('import.warnings')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.warning')}</th>
            <th scope="col">{t('import.message')}</th>
          </tr>
        </thead>
        <tbody>
          {warnings.map((w) => (
            <tr key={`${w.row}|${w.code}|${w.column ?? ''}|${w.message}`}>
              <td>{w.row}</td>
              <td>{w.column ?? ''}</td>
              <td>{t(`import.warning.${w.code}`)}</td>
              <td>{w.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p>{t('import.warningsTruncated', { n: warnings.length })}</p>}
    </>
  );
}
