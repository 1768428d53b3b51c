import { type Notification, NOTIFY_STATUSES, type Organisation } from '@tournee/shared';
import { useState } from 'react';
import { api, query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime, formatPhone } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { channelLabel, messageStatusLabel, triggerLabel } from '../../i18n/labels.ts';
import { AsyncState } from '../layout/async-state.tsx';

/** Messages sent to customers, with their status; failed ones can be sent again. */
export function MessagesPage() {
  const { t, intl } = useI18n();
  const canWrite = useCanWrite();
  const params = new URLSearchParams(location.search);
  const orderId = params.get('orderId');
  const [status, setStatus] = useState<string>(params.get('status') ?? '');
  const list = useApi<{ items: Notification[] }>(`/notifications${query({ orderId, status, limit: 200 })}`);
  const org = useApi<Organisation>('/organisation');
  const [error, setError] = useState<string | null>(null);
  const items = list.data?.items ?? [];

  // The filter is in the address bar: a reload or a shared link shows the same list.
  function chooseStatus(next: string) {
    const q = new URLSearchParams(location.search);
    if (next) q.set('status', next);
    else q.delete('status');
    history.replaceState(null, '', `${location.pathname}${q.size ? `?${q}` : ''}`);
    setStatus(next);
  }

  async function resend(id: string) {
    setError(null);
    try {
      await api(`/notifications/${id}/resend`, { method: 'POST' });
      list.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  // Numbers show as the organisation's dispatchers dial them; emails as they are.
  const recipient = (n: Notification) =>
    n.channel === 'sms' ? formatPhone(n.recipient, org.data?.defaultCountry ?? 'FR') : n.recipient;

  return (
    <section aria-labelledby="messages-title">
      <h1 id="messages-title">{t('messages.title')}</h1>
      <div className="filters">
        <label>
          {t('orders.filter.status')}
          <select value={status} onChange={(e) => chooseStatus(e.target.value)}>
            <option value="">{t('orders.filter.anyStatus')}</option>
            {NOTIFY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {messageStatusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        {orderId && <span>{t('messages.forOrder')}</span>}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <AsyncState loading={list.loading} error={list.error} onRetry={list.reload}>
        {list.data && items.length === 0 && (
          <div className="empty">
            <p>
              {orderId
                ? t('messages.emptyOrder')
                : status
                  ? t('messages.emptyStatus', { status: messageStatusLabel(t, status) })
                  : t('messages.empty')}
            </p>
            {status && (
              <button type="button" onClick={() => chooseStatus('')}>
                {t('messages.showAll')}
              </button>
            )}
          </div>
        )}
        {items.length > 0 && (
          <table className="orders">
            <caption>{t('messages.count', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('messages.when')}</th>
                <th scope="col">{t('messages.to')}</th>
                <th scope="col">{t('messages.trigger')}</th>
                <th scope="col">{t('messages.text')}</th>
                <th scope="col">{t('orders.col.status')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <td>{formatDateTime(intl, n.sentAt ?? n.createdAt)}</td>
                  <td>
                    <span role="img" aria-label={channelLabel(t, n.channel)}>
                      {n.channel === 'sms' ? '📱' : '✉️'}
                    </span>{' '}
                    {recipient(n)}
                  </td>
                  <td data-trigger={n.trigger}>{triggerLabel(t, n.trigger)}</td>
                  <td className="message-body">{n.subject ? `${n.subject} — ${n.body}` : n.body}</td>
                  <td>
                    <span className={`status status-${n.status}`}>{messageStatusLabel(t, n.status)}</span>
                    {n.lastError && <div className="error">{n.lastError}</div>}
                    {n.attempts > 1 && <div>{t('messages.attempts', { n: n.attempts })}</div>}
                  </td>
                  <td>
                    {canWrite && (n.status === 'failed' || n.status === 'suppressed' || n.status === 'sent') && (
                      <button type="button" onClick={() => void resend(n.id)}>
                        {t('messages.resend')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </section>
  );
}
