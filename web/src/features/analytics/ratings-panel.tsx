import type { RatingItem } from '@tournee/shared';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { DeliveryCells, DeliveryHeads } from './delivery-columns.tsx';
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
                <DeliveryHeads />
                <th>{t('analytics.rating')}</th>
                <th>{t('analytics.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.orderId}>
                  {/* An order no route holds has no day: its rating is dated by when it was given. */}
                  <DeliveryCells delivery={{ ...r, localDate: r.localDate ?? r.at.slice(0, 10) }} />
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
