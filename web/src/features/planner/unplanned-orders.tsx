import type { UnassignedOrder } from '@tournee/shared';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { unplannedReasonText } from './unplanned-reason.ts';

/** The orders a finished plan could not place, each with the reason in words: nothing vanishes silently. */
export function UnplannedOrders({ planId }: { planId: string }) {
  const { t } = useI18n();
  const list = useApi<{ items: UnassignedOrder[] }>(`/plans/${planId}/unassigned`);
  const items = list.data?.items ?? [];
  return (
    <AsyncState loading={list.loading} error={list.error} onRetry={list.reload}>
      {items.length > 0 && (
        <table className="orders unplanned" aria-label={t('unplanned.title')}>
          <caption>{t('unplanned.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('unplanned.ref')}</th>
              <th scope="col">{t('unplanned.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.orderId}>
                <td>{u.ref}</td>
                <td>{unplannedReasonText(u.reason, t, u.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AsyncState>
  );
}
