import type { ImportRowError } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';

/** Every rejected cell with the server's message: the user fixes the file from this alone. */
export function RejectedRows({ errors, caption }: { errors: ImportRowError[]; caption?: string }) {
  const { t } = useI18n();
  return (
    <table className="orders rejected" aria-label={t('import.rejectedRows')}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('import.row')}</th>
          <th scope="col">{t('import.column')}</th>
          <th scope="col">{t('import.value')}</th>
          <th scope="col">{t('import.message')}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e) => (
          <tr key={`${e.row}|${e.column}`}>
            <td>{e.row}</td>
            <td>{e.column}</td>
            <td>{e.value}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
