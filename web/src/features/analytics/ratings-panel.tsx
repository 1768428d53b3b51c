import type { RatingItem } from '@tournee/shared';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { rangeText } from './range-text.ts';
import { AsyncState } from '../layout/async-state.tsx';

/** Customers' ratings of the range with their comments (`GET /api/ratings`), newest first. */
export function RatingsPanel({ from, to }: { from: string; to: string }) {
  const { t, intl } = useI18n();
  const ratings = useApi<{ items: RatingItem[] }>(`/ratings${query({ from, to })}`);
  const items = ratings.data?.items ?? [];
  return (
    <section aria-label={t('analytics.ratings')}>
      <h3>{t('analytics.ratings')}</h3>
      <AsyncState loading={ratings.loading} error={ratings.error} onRetry={ratings.reload}>
        {items.length === 0 ? (
          <p className="empty">{t('analytics.noRatingsRange', { range: rangeText(t, intl, from, to) })}</p>
        ) : (
          <table className="analytics-table">
            <thead>
              <tr>
                <th>{t('analytics.day')}</th>
                <th>{t('fleet.driver')}</th>
                <th>{t('analytics.order')}</th>
                <th>{t('analytics.customer')}</th>
                <th>{t('analytics.rating')}</th>
                <th>{t('analytics.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.orderId}>
                  <td>{formatDate(intl, r.localDate ?? r.at.slice(0, 10))}</td>
                  <td>{r.driverName ?? '—'}</td>
                  <td>{r.orderRef}</td>
                  <td>{r.customer}</td>
                  <td aria-label={`${r.rating} / 5`}>{'★'.repeat(r.rating) + '☆'.repeat(5 - r.rating)}</td>
                  <td>{r.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </section>
  );
}
