import type { Notification } from '@tournee/shared';
import { useState } from 'react';
import { api, query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';

const STATUSES = ['', 'failed', 'pending', 'sending', 'sent', 'delivered', 'suppressed'] as const;

/** Messages sent to customers, with their status; failed ones can be sent again. */
export function MessagesPage() {
  const { t } = useI18n();
  const params = new URLSearchParams(location.search);
  const orderId = params.get('orderId');
  const [status, setStatus] = useState<string>(params.get('status') ?? '');
  const list = useApi<{ items: Notification[] }>(`/notifications${query({ orderId, status, limit: 200 })}`);
  const [error, setError] = useState<string | null>(null);

  async function resend(id: string) {
    setError(null);
    try {
      await api(`/notifications/${id}/resend`, { method: 'POST' });
      list.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="messages-title">
      <h1 id="messages-title">{t('messages.title')}</h1>
      <div className="filters">
        <label>
          {t('orders.filter.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === '' ? t('orders.filter.anyStatus') : s}
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
        {list.data?.items.length === 0 && <p className="empty">{t('messages.empty')}</p>}
        {!!list.data?.items.length && (
          <table className="orders">
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
              {list.data.items.map((n) => (
                <tr key={n.id}>
                  <td>{new Date(n.sentAt ?? n.createdAt).toLocaleString()}</td>
                  <td>
                    {n.channel === 'sms' ? '📱' : '✉️'} {n.recipient}
                  </td>
                  <td>{n.trigger}</td>
                  <td className="message-body">{n.subject ? `${n.subject} — ${n.body}` : n.body}</td>
                  <td>
                    <span className={`status status-${n.status}`}>{n.status}</span>
                    {n.lastError && <div className="error">{n.lastError}</div>}
                    {n.attempts > 1 && <div>{t('messages.attempts', { n: n.attempts })}</div>}
                  </td>
                  <td>
                    {(n.status === 'failed' || n.status === 'suppressed' || n.status === 'sent') && (
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
