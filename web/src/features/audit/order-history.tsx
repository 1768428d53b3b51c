import type { HistoryActor, OrderHistory, Organisation } from '@tournee/shared';
import { useApi } from '../../api/use-api.ts';
import { dateTimeFormat, formatDateTime } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { useAuditText } from './audit-text.ts';
import { historyLine, KIND_NAMES } from './history-text.ts';

/** One order's chain of custody, oldest first: who did what, when (a stop event: both clocks). */
export function OrderHistoryPanel({ orderId, onClose }: { orderId: string; onClose: () => void }) {
  const { at, locale } = useAuditText();
  const { t, intl } = useI18n();
  const time = (iso: unknown) =>
    typeof iso === 'string' ? dateTimeFormat(intl, { timeStyle: 'medium' }).format(new Date(iso)) : '';
  const history = useApi<OrderHistory>(`/orders/${encodeURIComponent(orderId)}/history`);
  const org = useApi<Organisation>('/organisation');
  const who = (a: HistoryActor | undefined) => (a && a.type !== 'system' ? at('by', { who: a.name ?? a.type }) : '');
  return (
    <section className="order-history" aria-labelledby="order-history-title">
      <h2 id="order-history-title">{at('historyTitle', { ref: history.data?.ref ?? '…' })}</h2>
      <button type="button" onClick={onClose}>
        {at('close')}
      </button>
      <AsyncState loading={history.loading} error={history.error} onRetry={history.reload}>
        {history.data?.entries.length === 0 && <p className="empty">{at('historyEmpty')}</p>}
        <ol>
          {history.data?.entries.map((e, i) => (
            // Entries have no id; the list is replaced whole on each fetch, never reordered.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={`${e.at}-${i}`} className={`history-${e.kind}`}>
              <time dateTime={e.at}>{formatDateTime(intl, e.at)}</time>
              <strong>{KIND_NAMES[e.kind][locale]}</strong>
              <span>{historyLine(e, locale, t, org.data?.defaultCountry)}</span>
              <span className="history-who">{who(e.actor)}</span>
              {e.kind === 'stop_event' && (
                <span className="history-who">
                  {at('device', { at: time(e.details.deviceAt) })} ·{' '}
                  {at('received', { at: time(e.details.receivedAt) })}
                </span>
              )}
            </li>
          ))}
        </ol>
      </AsyncState>
    </section>
  );
}
