import type { WebhookDelivery, WebhookSubscription } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { webhookEventLabel } from '../../i18n/labels.ts';
import { AsyncState } from '../layout/async-state.tsx';
import { formatWhen, When } from './shown-once.tsx';
import { numberFormat } from '../../i18n/format.ts';

/** A local datetime-local value `hours` ago. */
function hoursAgo(hours: number): string {
  const d = new Date(Date.now() - hours * 3600_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** One subscription's deliveries, newest first, and a replay of its events since a time. */
export function DeliveryLog({ sub, onReplayed }: { sub: WebhookSubscription; onReplayed(): void }) {
  const { t, intl } = useI18n();
  const log = useApi<{ items: WebhookDelivery[] }>(`/webhooks/${sub.id}/deliveries?limit=50`);
  const [from, setFrom] = useState(() => hoursAgo(24));
  const [message, setMessage] = useState<string | null>(null);
  const replay = async () => {
    setMessage(null);
    try {
      const at = new Date(from).toISOString();
      const { queued } = await api<{ queued: number }>(`/webhooks/${sub.id}/replay?from=${encodeURIComponent(at)}`, {
        method: 'POST',
      });
      setMessage(t('integrations.hooks.replayed', { n: queued }));
      log.reload();
      onReplayed();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <section className="delivery-log" aria-label={t('integrations.hooks.log', { url: sub.url })}>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void replay();
        }}
      >
        <label>
          {t('integrations.hooks.replayFrom')}{' '}
          <input type="datetime-local" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <button type="submit">{t('integrations.hooks.replay')}</button>
        <button type="button" onClick={log.reload}>
          ↻
        </button>
        {message && <span role="status">{message}</span>}
      </form>
      <AsyncState loading={log.loading} error={log.error} onRetry={log.reload}>
        {log.data?.items.length === 0 ? (
          <p className="empty">{t('integrations.hooks.noDeliveries')}</p>
        ) : (
          <table className="integrations-table">
            <thead>
              <tr>
                <th>{t('integrations.hooks.at')}</th>
                <th>{t('integrations.hooks.type')}</th>
                <th>{t('integrations.hooks.status')}</th>
                <th>{t('integrations.hooks.attempts')}</th>
                <th>{t('integrations.hooks.answer')}</th>
                <th>{t('integrations.hooks.next')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data?.items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <When at={d.occurredAt} />
                  </td>
                  <td>
                    {webhookEventLabel(t, d.type)} <code className="event-code">{d.type}</code>
                  </td>
                  <td className={d.status === 'delivered' ? 'ok' : 'warn'}>
                    {d.deliveredAt
                      ? t('integrations.hooks.delivered', { date: formatWhen(intl, d.deliveredAt) })
                      : t('integrations.hooks.waiting')}
                  </td>
                  <td>{numberFormat(intl).format(d.attempts)}</td>
                  <td className="answer">
                    {d.lastStatusCode ?? (d.attempts > 0 ? t('integrations.hooks.noAnswer') : '—')}
                    {d.lastError && <small title={d.lastError}> {d.lastError.slice(0, 80)}</small>}
                  </td>
                  <td>{d.nextAttemptAt ? <When at={d.nextAttemptAt} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </section>
  );
}
