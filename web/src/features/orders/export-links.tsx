import { query } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * Downloads of the list as filtered (every page, not just the one shown): plain links, the
 * session cookie goes with them, and the server names the file.
 */
export function ExportLinks({ filters }: { filters: Record<string, string> }) {
  const { t } = useI18n();
  const href = (format: 'csv' | 'xlsx') => `/api/orders/export${query({ ...filters, format })}`;
  return (
    <span className="export-links">
      <a className="button" href={href('csv')} download>
        {t('orders.export.csv')}
      </a>
      <a className="button" href={href('xlsx')} download>
        {t('orders.export.xlsx')}
      </a>
    </span>
  );
}
